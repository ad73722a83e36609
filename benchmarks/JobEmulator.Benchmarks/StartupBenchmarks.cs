using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using JobEmulator.Testing;

namespace JobEmulator.Benchmarks;

/// <summary>
/// Warm start-up of an in-process emulator with one scenario, as a test pays for it: from
/// <c>StartAsync</c> until the first status poll is answered. Disposal is outside the measurement
/// (it runs in the iteration clean-up). <see cref="Reset"/> is the alternative a shared fixture pays per test.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 5, iterationCount: 40, invocationCount: 1)]
public class StartupBenchmarks
{
    private const string Scenario = """
        dialect: docurift
        jobs:
          - id: job_1
            lifecycle:
              - { status: processing, after: 20m }
              - { status: completed }
        """;

    private JobEmulatorHost? _emulator;
    private HttpClient? _client;
    private JobEmulatorHost? _shared;
    private HttpClient? _sharedClient;

    [GlobalSetup(Target = nameof(Reset))]
    public void StartShared()
    {
        _shared = JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(Scenario)).GetAwaiter().GetResult();
        _sharedClient = _shared.CreateClient();
    }

    [GlobalCleanup(Target = nameof(Reset))]
    public void StopShared()
    {
        _sharedClient?.Dispose();
        _shared?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationCleanup(Targets = [nameof(InMemory), nameof(Loopback)])]
    public void Stop()
    {
        _client?.Dispose();
        _emulator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client = null;
        _emulator = null;
    }

    [Benchmark(Description = "in-memory: StartAsync + first poll")]
    public async Task<int> InMemory()
    {
        _emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(Scenario));
        _client = _emulator.CreateClient();
        return await FirstPoll(_client);
    }

    [Benchmark(Description = "loopback: StartAsync + first poll")]
    public async Task<int> Loopback()
    {
        _emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.AddScenarioYaml(Scenario);
        });
        _client = _emulator.CreateClient();
        return await FirstPoll(_client);
    }

    [Benchmark(Description = "shared fixture: ResetAsync + first poll")]
    public async Task<int> Reset()
    {
        await _shared!.ResetAsync();
        return await FirstPoll(_sharedClient!);
    }

    private static async Task<int> FirstPoll(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_1");
        request.Headers.Add("X-API-Key", "k");
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
