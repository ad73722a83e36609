using JobEmulator.Core.Scheduling;

namespace JobEmulator.Core.Clocks;

/// <summary>
/// A clock that moves only when told (<c>jobemu serve --clock manual</c>, the admin API's <c>clock/advance</c>). Moving
/// it runs every timer that falls due, in instant order, with the clock reading each timer's own instant while it
/// runs; the emulator's scheduler runs its due work to completion inside the move. No test framework needed.
/// </summary>
public sealed class ManualClock : TimeProvider, ISchedulerAwareClock
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<EmulatorScheduler> _schedulers = [];
    private long _nowTicks;
    private long _order;
    private int _moving;

    /// <summary>
    /// The latest instant the clock can read, 9000-01-01T00:00:00Z: far enough for any scenario, early enough that the
    /// emulator's own arithmetic (a retention or a retry added to the clock's time) never overflows.
    /// </summary>
    public static DateTimeOffset MaxTime { get; } = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the clock at <paramref name="start"/>, which may not be past <see cref="MaxTime"/>.</summary>
    public ManualClock(DateTimeOffset start)
    {
        if (start > MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The clock goes no later than {MaxTime:O}.");
        }

        _nowTicks = start.UtcTicks;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _nowTicks);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    object? ISchedulerAwareClock.CurrentClient => null;

    /// <inheritdoc />
    void ISchedulerAwareClock.Attach(EmulatorScheduler scheduler)
    {
        lock (_gate)
        {
            _schedulers.Add(scheduler);
        }
    }

    /// <inheritdoc />
    void ISchedulerAwareClock.RequestParked()
    {
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        SetUtcNow(GetUtcNow() + by);
    }

    /// <summary>Moves the clock to <paramref name="to"/>, which may not be in its past; timers due on the way fire in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before the clock's time.</exception>
    /// <exception cref="InvalidOperationException">Another move is running.</exception>
    public void SetUtcNow(DateTimeOffset to)
    {
        if (to < GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The clock cannot go back: it reads {GetUtcNow():O}.");
        }

        if (to > MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The clock goes no later than {MaxTime:O}.");
        }

        if (Interlocked.Exchange(ref _moving, 1) == 1)
        {
            throw new InvalidOperationException("The clock is already being moved; moves run one at a time.");
        }

        try
        {
            while (NextDue(to) is { } timer)
            {
                Interlocked.Exchange(ref _nowTicks, timer.Due!.Value.UtcTicks);
                timer.Fire();
            }

            Interlocked.Exchange(ref _nowTicks, to.UtcTicks);

            // Work a request started before the move (a delivery a poll caused) is finished when the move returns, too.
            EmulatorScheduler[] schedulers;
            lock (_gate)
            {
                schedulers = [.. _schedulers];
            }

            foreach (var scheduler in schedulers)
            {
                scheduler.RunDueNow();
            }
        }
        finally
        {
            Volatile.Write(ref _moving, 0);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private ManualTimer? NextDue(DateTimeOffset limit)
    {
        lock (_gate)
        {
            ManualTimer? earliest = null;
            foreach (var timer in _timers)
            {
                if (timer.Due is { } due && due <= limit && (earliest is null || due < earliest.Due || (due == earliest.Due && timer.Order < earliest.Order)))
                {
                    earliest = timer;
                }
            }

            return earliest;
        }
    }

    private void Arm(ManualTimer timer, DateTimeOffset? due)
    {
        lock (_gate)
        {
            timer.Due = due;
            timer.Order = ++_order;
            if (due is null)
            {
                _timers.Remove(timer);
            }
            else if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public DateTimeOffset? Due { get; set; }

        public long Order { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            clock.Arm(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
            return true;
        }

        public void Fire()
        {
            clock.Arm(this, _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? clock.GetUtcNow() + _period : null);
            callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Arm(this, null);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
