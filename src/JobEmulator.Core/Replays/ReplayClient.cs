namespace JobEmulator.Core.Replays;

/// <summary>How a replay's client waits between polls (<see cref="ScenarioReplay.Run"/>); it honours <c>Retry-After</c>.</summary>
/// <param name="backoff">True: the wait grows by <paramref name="factor"/> after each poll, up to <paramref name="maxInterval"/>; false: it stays <paramref name="interval"/>.</param>
/// <param name="interval">The first wait between polls.</param>
/// <param name="factor">What a backing-off client multiplies its wait by.</param>
/// <param name="maxInterval">The longest a backing-off client waits.</param>
/// <param name="until">How long, after the start, the client keeps polling.</param>
public sealed class ReplayClient(bool backoff, TimeSpan interval, double factor, TimeSpan maxInterval, TimeSpan until)
{
    /// <summary>True when the wait grows after each poll.</summary>
    internal bool Backoff { get; } = backoff;

    /// <summary>The first wait between polls.</summary>
    internal TimeSpan Interval { get; } = interval;

    /// <summary>What a backing-off client multiplies its wait by.</summary>
    internal double Factor { get; } = factor;

    /// <summary>The longest a backing-off client waits.</summary>
    internal TimeSpan MaxInterval { get; } = maxInterval;

    /// <summary>How long, after the start, the client keeps polling.</summary>
    internal TimeSpan Until { get; } = until;
}
