using JobEmulator.Core.Lifecycle;
namespace JobEmulator.Core.Scenarios;

/// <summary>A scenario's latencies: one for every operation, and per kind (<c>latency: { status: …, submit: … }</c>).</summary>
/// <param name="Default">For status polls and submissions that <paramref name="Status"/> and <paramref name="Submit"/> leave out (other operations answer at once).</param>
/// <param name="Status">For status polls.</param>
/// <param name="Submit">For submissions.</param>
internal sealed record LatencyPlan(Latency? Default, Latency? Status, Latency? Submit)
{
    /// <summary>No latency.</summary>
    public static LatencyPlan None { get; } = new(null, null, null);
}
