using System.Collections.Concurrent;

namespace JobEmulator.Core.Engine;

/// <summary>
/// Requests per credential in the current fixed one-minute window on the emulator's clock, for the rate-limit
/// headers some vendors send. Only the current window is kept per credential, and at most
/// <see cref="Capacity"/> credentials (all are forgotten when more arrive).
/// </summary>
internal sealed class RequestWindows
{
    public const int Capacity = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, (long Window, int Count)> _counts = new();

    public (int Count, TimeSpan UntilEnd) Count(string credential, DateTimeOffset now)
    {
        // Keyed by a hash, so however long the keys clients send, an entry stays small.
        var key = Lifecycle.StableHash.Combine(0, credential);
        var window = now.UtcTicks / Window.Ticks;
        if (_counts.Count >= Capacity && !_counts.ContainsKey(key))
        {
            _counts.Clear();
        }

        var (_, count) = _counts.AddOrUpdate(key, (window, 1), (_, current) => current.Window == window ? (window, current.Count + 1) : (window, 1));
        return (count, TimeSpan.FromTicks(((window + 1) * Window.Ticks) - now.UtcTicks));
    }
}
