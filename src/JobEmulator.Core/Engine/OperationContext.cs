using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;

namespace JobEmulator.Core.Engine;

/// <summary>One request being answered: what matched, what it sent, where the body goes, and when it is.</summary>
internal readonly record struct OperationContext(Dialect Dialect, DialectOperation Operation, IEmulatorRequest Request, Utf8JsonWriter Writer, DateTimeOffset Now);
