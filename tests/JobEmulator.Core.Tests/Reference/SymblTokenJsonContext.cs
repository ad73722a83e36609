using System.Text.Json.Serialization;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>Source-generated JSON for the token payload (no reflection).</summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class SymblTokenJsonContext : JsonSerializerContext;
