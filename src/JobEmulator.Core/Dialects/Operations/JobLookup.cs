namespace JobEmulator.Core.Dialects.Operations;

/// <summary>How a <see cref="OperationKind.Read"/> operation finds its jobs: the route value whose text a job field must equal.</summary>
/// <param name="RouteValue">The route template's value (<c>conversationId</c>).</param>
/// <param name="Field">The key of one of the dialect's <see cref="Dialect.JobFields"/> (<c>conversation_id</c>).</param>
internal sealed record JobLookup(string RouteValue, string Field);
