

namespace JobEmulator.Core.Dialects;

/// <summary>An event about a job, as a dialect renders it into a webhook body.</summary>
/// <param name="Id">The event id (<c>evt_…</c>), drawn from the seed.</param>
/// <param name="Type">The event type.</param>
/// <param name="CreatedAt">The instant of the transition it announces.</param>
/// <param name="Job">The job as a poll at that instant would have shown it.</param>
/// <param name="Metadata">The submitter's <c>callbackMetadata</c>, if any.</param>
internal readonly record struct WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, JobView Job, string? Metadata);
