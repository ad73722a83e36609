using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>
/// Every error body of every dialect, byte for byte: each <see cref="ErrorKind"/> with a job id, a detail and a
/// <c>Retry-After</c>, and without them, against the snapshot in <c>Snapshots/errors/</c>. The golden tests prove the
/// documented examples against the vendor documents; this one holds every other word still, so that re-expressing a
/// dialect (as data, or otherwise) changes none by accident. After an intended change, rewrite the snapshots with
/// <c>JOBEMU_UPDATE_SNAPSHOTS=1 dotnet test --project tests/JobEmulator.Core.Tests</c> and read the diff.
/// </summary>
public sealed class ErrorEnvelopeSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 27, 10, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> Dialects() => [.. Core.Definitions.DialectDefinitions.BuiltinCatalog.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void EveryErrorBody_IsTheSnapshotsByteForByte(string name)
    {
        var dialect = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find(name)!;
        var bodies = new JsonObject();
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            var status = StatusOf(kind);
            bodies[kind + " with id, detail and Retry-After"] = Write(dialect, new ErrorView(kind, status, "job_123", 7, Now, "trace_0000abcd") { Detail = "what was wrong" });
            bodies[kind.ToString()] = Write(dialect, new ErrorView(kind, status, null, null, Now, "trace_0000abcd"));
        }

        bodies.ShouldMatchSnapshot("errors", name);
    }

    // Each body as the dialect wrote it: its exact bytes, kept as a string so that nothing is normalized.
    private static JsonValue Write(Dialect dialect, in ErrorView problem)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            dialect.WriteError(writer, problem);
        }

        return JsonValue.Create(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.MissingCredentials or ErrorKind.InvalidCredentials or ErrorKind.ExpiredCredentials => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.JobNotFound or ErrorKind.WebhookNotFound or ErrorKind.RouteNotFound or ErrorKind.ResourceNotFound or ErrorKind.ResourceNotReady => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.PayloadTooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.RateLimited or ErrorKind.TooManyJobs or ErrorKind.ConcurrentJobLimit => 429,
        ErrorKind.ServerError => 500,
        ErrorKind.BadGateway => 502,
        ErrorKind.ServiceUnavailable => 503,
        ErrorKind.GatewayTimeout => 504,
        _ => 400,
    };
}
