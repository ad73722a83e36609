using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Benchmarks;

/// <summary>
/// The status path in pieces, without HTTP: the lifecycle evaluation of one poll, each dialect's status body, the
/// journal record, and the whole in-process answer (credential, lookup, poll, body, journal) for DocuRift.
/// <c>dotnet run -c Release --project benchmarks/JobEmulator.Benchmarks -- --filter '*HotPath*'</c>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class HotPathBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private readonly FixedRequest _request = new();
    private JobEmulatorEngine _engine = null!;
    private OperationDispatcher _dispatcher = null!;
    private Utf8JsonWriter _writer = null!;
    private Dialect _docurift = null!;
    private DialectOperation _status = null!;
    private JobRuntime _job = null!;
    private Dialect _dialect = null!;
    private JobView _view;
    private DateTimeOffset _now;

    /// <summary>The dialect whose status body <see cref="StatusBody"/> writes.</summary>
    [Params("symbl", "deepaffects", "waveline", "aitronos", "docurift")]
    public string Dialect { get; set; } = "docurift";

    [GlobalSetup]
    public void Setup()
    {
        var scenarios = Core.Definitions.DialectDefinitions.BuiltinCatalog.All.Select(dialect => new ScenarioLoader().LoadYaml(
            $$"""
            dialect: {{dialect.Name}}
            auth: { keys: [k] }
            jobs:
              - id: job_bench000001
                lifecycle:
                  - { status: running, after: 24h }
                  - { status: completed }
            """,
            dialect.Name + ".yaml"));
        _engine = new JobEmulatorEngine(ScenarioSet.Create(scenarios), TimeProvider.System);
        _dispatcher = new OperationDispatcher(_engine);
        _writer = new Utf8JsonWriter(_body, new JsonWriterOptions { SkipValidation = true });
        _docurift = _engine.Dialects.Find("docurift")!;
        _status = _docurift.Operations.First(operation => operation.Kind == OperationKind.Status);
        _dialect = _engine.Dialects.Find(Dialect)!;
        _job = _engine.FindJob(_dialect, "job_bench000001")!;
        _now = Start.AddMinutes(5);
        _view = _job.Peek(_now);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "lifecycle: one poll of a running job")]
    public int Poll() => _engine.Poll(_job, _now).Request;

    [Benchmark(Description = "dialect: the status body")]
    public int StatusBody()
    {
        _body.ResetWrittenCount();
        _writer.Reset(_body);
        _dialect.WriteJob(_writer, _view, _request);
        _writer.Flush();
        return _body.WrittenCount;
    }

    [Benchmark(Description = "journal: record one request")]
    public void JournalRecord() =>
        _engine.Journal.Record(_now, "GET", "/v1/jobs/job_bench000001", string.Empty, "docurift", "job_bench000001", "k", 200, null, JobStatus.Running, "processing", OperationKind.Status);

    [Benchmark(Description = "engine: a whole DocuRift status answer (no HTTP)")]
    public int DocuRiftStatus()
    {
        _body.ResetWrittenCount();
        var answer = _dispatcher.HandleAsync(_docurift, _status, _request, _body);
        return answer.IsCompletedSuccessfully ? answer.Result.StatusCode : throw new InvalidOperationException("a status poll completes synchronously");
    }

    // A DocuRift-style request for job_bench000001 with the key in X-API-Key; the other dialects read only what they need.
    private sealed class FixedRequest : IEmulatorRequest
    {
        public string Method => "GET";

        public string Path => "/v1/jobs/job_bench000001";

        public string Query => string.Empty;

        public string BaseUrl => "http://127.0.0.1:8080";

        public string? GetHeader(string name) => name.Equals("X-API-Key", StringComparison.OrdinalIgnoreCase) ? "k" : null;

        public string? GetQuery(string name) => null;

        public string? GetRouteValue(string name) => name == "id" ? "job_bench000001" : null;

        public ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a status poll has no body");
    }
}
