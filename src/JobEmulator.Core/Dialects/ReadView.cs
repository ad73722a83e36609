using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Dialects;

/// <summary>What a read (<see cref="Operations.OperationKind.Read"/>) answers about: the jobs that share one field's value, as of now.</summary>
/// <param name="Key">The value the route named (Symbl: the conversationId).</param>
/// <param name="Job">The newest of those jobs that has completed: its fields (and scripted field values) are what the answer shows.</param>
/// <param name="StartedAt">When the first of those jobs was created (Symbl: the conversation's start).</param>
/// <param name="Faker">Draws the generated answer: seeded by the scenario's seed and <paramref name="Key"/>, so every read of the same value answers the same.</param>
/// <param name="Body">The request's body, for operations that take one (<see cref="RequestBody.Empty"/> otherwise).</param>
internal readonly record struct ReadView(string Key, JobView Job, DateTimeOffset StartedAt, FakeData Faker, RequestBody Body);
