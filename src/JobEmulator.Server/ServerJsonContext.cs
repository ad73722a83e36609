using System.Text.Json.Serialization;

namespace JobEmulator.Server;

/// <summary>
/// Source-generated JSON for the server's own bodies: no reflection at run time. <see cref="Readable"/> writes them for
/// people: <c>+</c>, <c>'</c>, <c>&lt;</c> and <c>&gt;</c> as themselves, not <c>\u002B</c> (the bodies are JSON
/// answers, never embedded in HTML).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmulatorFailure))]
[JsonSerializable(typeof(IReadOnlyList<ScenarioInfo>))]
[JsonSerializable(typeof(ScenarioInfo))]
[JsonSerializable(typeof(AdminError))]
[JsonSerializable(typeof(IReadOnlyList<JobInfo>))]
[JsonSerializable(typeof(JobDetail))]
[JsonSerializable(typeof(ClockInfo))]
[JsonSerializable(typeof(IReadOnlyList<RequestInfo>))]
[JsonSerializable(typeof(IReadOnlyList<WebhookAttemptInfo>))]
[JsonSerializable(typeof(AdvanceClock))]
[JsonSerializable(typeof(SetClock))]
[JsonSerializable(typeof(AdvanceJob))]
[JsonSerializable(typeof(IReadOnlyList<DialectInfo>))]
[JsonSerializable(typeof(DialectChange))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>The context every body is written with.</summary>
    public static ServerJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower, // as the attribute above says
        Encoder = Core.Json.JsonFragment.Encoder,
    });
}
