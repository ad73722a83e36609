namespace JobEmulator.Core.Clocks;

/// <summary>
/// Emulator time that runs <see cref="Scale"/> times faster than the wall clock (<c>serve --clock-scale 60</c>): a job
/// scripted to take 20 minutes finishes in 20 s for a client that sleeps on the real clock. Timers (latency, webhook
/// instants, retries) wait their emulator duration divided by the scale.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    /// <summary>Creates the clock at <paramref name="start"/> (else the wall clock's time), running <paramref name="scale"/> times faster.</summary>
    public ScaledClock(double scale, TimeProvider? wall = null, DateTimeOffset? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scale, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 1_000_000);
        Scale = scale;
        _wall = wall ?? System;
        _start = start ?? _wall.GetUtcNow();
        _startTimestamp = _wall.GetTimestamp();
    }

    /// <summary>How many emulator seconds pass per wall-clock second.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks((long)(_wall.GetElapsedTime(_startTimestamp).Ticks * Scale));

    /// <summary>A span of emulator time as wall-clock time (what a client waiting on the real clock must wait).</summary>
    internal TimeSpan ToWall(TimeSpan emulator) => TimeSpan.FromTicks((long)(emulator.Ticks / Scale));

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _wall.CreateTimer(callback, state, Wall(dueTime), Wall(period));

    private TimeSpan Wall(TimeSpan emulator) => emulator == Timeout.InfiniteTimeSpan || emulator <= TimeSpan.Zero ? emulator : ToWall(emulator);
}
