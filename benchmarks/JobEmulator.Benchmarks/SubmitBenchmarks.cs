using BenchmarkDotNet.Attributes;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Benchmarks;

/// <summary>
/// What one submission costs the engine: choosing the template, drawing a vendor-shaped id and the job's
/// fields from the seed, and storing the job (no HTTP). The result is drawn later, when first shown.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15, invocationCount: 20_000)]
public class SubmitBenchmarks : IDisposable
{
    private const string Scenario = """
        version: 1
        dialect: docurift
        seed: 7
        submitted_jobs:
          - when: { file_name: corrupt.pdf }
            lifecycle: [{ status: processing, after: 2s }, { status: failed }]
          - lifecycle: [{ status: pending, after: 1s }, { status: processing, after: 3s }, { status: completed }]
        """;

    private readonly Submission _submission = new(new Dictionary<string, string> { ["file_name"] = "invoice.pdf", ["document_type"] = "invoice" }, null, null, null);
    private JobEmulatorEngine _engine = null!;
    private Dialect _dialect = null!;

    [GlobalSetup]
    public void Start()
    {
        _engine = new JobEmulatorEngine(ScenarioSet.Create([new ScenarioLoader().LoadYaml(Scenario, "bench.yaml")]), TimeProvider.System);
        _dialect = _engine.Dialects.Find("docurift")!;
    }

    [IterationSetup]
    public void Empty() => _engine.Reset();

    [GlobalCleanup]
    public void Dispose()
    {
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "engine: submit one DocuRift job")]
    public bool Submit() => _engine.Submit(_dialect, "k", _submission, DateTimeOffset.UnixEpoch).Job is not null;
}
