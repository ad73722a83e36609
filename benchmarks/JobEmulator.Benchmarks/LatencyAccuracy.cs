using System.Diagnostics;
using JobEmulator.Testing;

namespace JobEmulator.Benchmarks;

/// <summary>
/// How closely a scripted latency is kept on the real clock: the emulator on loopback Kestrel, the system
/// clock, a fixed latency; each request's round trip minus the latency and minus the same request's round
/// trip without latency (median), over a few hundred sequential requests. Run with
/// <c>dotnet run -c Release --project benchmarks/JobEmulator.Benchmarks -- latency-accuracy</c>.
/// </summary>
internal static class LatencyAccuracy
{
    public static async Task RunAsync(TextWriter output)
    {
        foreach (var milliseconds in new[] { 50, 300 })
        {
            var baseline = Median(await MeasureAsync(null, 100));
            var samples = await MeasureAsync(milliseconds, milliseconds == 300 ? 200 : 300);
            var errors = samples.Select(s => s - milliseconds - baseline).Order().ToList();
            output.WriteLine(
                $"latency {milliseconds} ms, {samples.Count} requests: error p50 {Percentile(errors, 0.50):0.00} ms, p99 {Percentile(errors, 0.99):0.00} ms, " +
                $"min {errors[0]:0.00} ms, max {errors[^1]:0.00} ms (round trip without latency: {baseline:0.00} ms)");
        }
    }

    private static async Task<List<double>> MeasureAsync(int? latencyMs, int count)
    {
        var latency = latencyMs is { } ms ? $"latency: {ms}ms\n" : string.Empty;
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.UseRealClock();
            options.AddScenarioYaml($"version: 1\ndialect: docurift\n{latency}jobs: [{{ id: job_1, lifecycle: [{{ status: completed }}] }}]\n");
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "k");
        var samples = new List<double>(count);
        for (var i = 0; i < count + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri("v1/jobs/job_1", UriKind.Relative));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 5)
            {
                samples.Add(elapsed); // the first few warm the connection and the JIT
            }
        }

        return samples;
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
