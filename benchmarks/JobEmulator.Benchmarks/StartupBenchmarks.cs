using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using JobEmulator.Testing;

namespace JobEmulator.Benchmarks;

/// <summary>
/// Warm start-up of an in-process emulator with one scenario, as a test pays for it: from
/// <c>StartAsync</c> until the first status poll is answered. Disposal is outside the measurement
/// (it runs in the iteration clean-up). <see cref="ResetBenchmarks"/> measures what a shared fixture pays instead.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 10, iterationCount: 60, invocationCount: 1)]
public class StartupBenchmarks
{
    internal const string Scenario = """
        dialect: docurift
        jobs:
          - id: job_1
            lifecycle:
              - { status: processing, after: 20m }
              - { status: completed }
        """;

    private JobEmulatorHost? _emulator;
    private HttpClient? _client;
    [IterationCleanup]
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

    internal static async Task<int> FirstPoll(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_1");
        request.Headers.Add("X-API-Key", "k");
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
