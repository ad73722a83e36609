using System.Collections.Concurrent;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Limits;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// Sliding-window request counters, per (scenario, key), on the emulator's clock. The BCL's
/// System.Threading.RateLimiting limiters read the wall clock and take no TimeProvider, so they cannot run
/// on a test's fake clock; this keeps, per key, the instants of the requests still in the window (at most
/// the limit's count). Part of the run-time stores; at most <see cref="Capacity"/> per-key windows (all of
/// them are forgotten when more arrive; a global window is kept).
/// </summary>
internal sealed class RateLimiter
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(Scenario Scenario, int Key), Window> _windows = new();
    private readonly ConcurrentDictionary<Scenario, Window> _global = new();

    // Per-key windows are bounded; global ones (one per scenario) are never forgotten.
    private Window PerKey(Scenario scenario, int key)
    {
        if (_windows.Count >= Capacity && !_windows.ContainsKey((scenario, key)))
        {
            _windows.Clear();
        }

        return _windows.GetOrAdd((scenario, key), static _ => new Window());
    }

    /// <summary>Counts one request at <paramref name="now"/>: allowed (and counted), or refused with how long until a slot frees.</summary>
    public RateDecision Take(Scenario scenario, RateLimit limit, string credential, DateTimeOffset now)
    {
        var window = limit.Global
            ? _global.GetOrAdd(scenario, static _ => new Window())
            : PerKey(scenario, StableHash.Combine(1, credential));
        lock (window)
        {
            while (window.Instants.Count > 0 && window.Instants.Peek() <= now - limit.Per)
            {
                window.Instants.Dequeue();
            }

            if (window.Instants.Count < limit.Requests)
            {
                window.Instants.Enqueue(now);
                var resetIn = window.Instants.Peek() + limit.Per - now;
                return new RateDecision(true, limit.Requests, limit.Requests - window.Instants.Count, resetIn);
            }

            return new RateDecision(false, limit.Requests, 0, window.Instants.Peek() + limit.Per - now);
        }
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> Instants { get; } = new();
    }
}
