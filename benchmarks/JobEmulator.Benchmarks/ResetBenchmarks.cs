using BenchmarkDotNet.Attributes;
using JobEmulator.Testing;

namespace JobEmulator.Benchmarks;

/// <summary>What a shared fixture pays per test instead of a fresh start: <c>ResetAsync</c> and the first poll.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ResetBenchmarks
{
    private JobEmulatorHost? _emulator;
    private HttpClient? _client;

    [GlobalSetup]
    public void Start()
    {
        _emulator = JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(StartupBenchmarks.Scenario)).GetAwaiter().GetResult();
        _client = _emulator.CreateClient();
    }

    [GlobalCleanup]
    public void Stop()
    {
        _client?.Dispose();
        _emulator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "shared fixture: ResetAsync + first poll")]
    public async Task<int> Reset()
    {
        await _emulator!.ResetAsync();
        return await StartupBenchmarks.FirstPoll(_client!);
    }
}
