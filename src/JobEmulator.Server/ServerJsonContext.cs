using System.Text.Json.Serialization;

namespace JobEmulator.Server;

/// <summary>Source-generated JSON for the server's own bodies: no reflection at run time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmulatorFailure))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
