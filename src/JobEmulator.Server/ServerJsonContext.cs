using System.Text.Json.Serialization;

namespace JobEmulator.Server;

/// <summary>Source-generated JSON for the server's own bodies: no reflection at run time.</summary>
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
internal sealed partial class ServerJsonContext : JsonSerializerContext;
