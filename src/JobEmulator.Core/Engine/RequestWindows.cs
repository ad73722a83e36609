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
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _counts = new(StringComparer.Ordinal);

    public (int Count, TimeSpan UntilEnd) Count(string credential, DateTimeOffset now)
    {
        var window = now.UtcTicks / Window.Ticks;
        if (_counts.Count >= Capacity && !_counts.ContainsKey(credential))
        {
            _counts.Clear();
        }

        var (_, count) = _counts.AddOrUpdate(credential, (window, 1), (_, current) => current.Window == window ? (window, current.Count + 1) : (window, 1));
        return (count, TimeSpan.FromTicks(((window + 1) * Window.Ticks) - now.UtcTicks));
    }
}
