using Microsoft.Extensions.Time.Testing;

namespace JobEmulator.Testing;

/// <summary>
/// The fake clock an in-process emulator runs on: a <see cref="FakeTimeProvider"/> (so <c>Advance</c>,
/// <c>SetUtcNow</c> and every timer behave as documented there) that also knows which timers are
/// waiting, so <see cref="AdvanceUntilCompleteAsync"/> can play a client's waits in simulated time.
/// </summary>
public sealed class EmulatorClock : FakeTimeProvider
{
    /// <summary>How far <see cref="AdvanceUntilCompleteAsync"/> moves the clock at most, unless told: one simulated day.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromDays(1);

    /// <summary>How long, in real time, <see cref="AdvanceUntilCompleteAsync"/> waits for the client to do something, unless told: 10 s.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _pending = [];
    private TaskCompletionSource _armed = NewSignal();

    /// <summary>Creates the clock at <paramref name="start"/>.</summary>
    public EmulatorClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How many timers on this clock are waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new TrackedTimer(this, callback, state);
        timer.Attach(base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Plays <paramref name="task"/> — typically a client polling the emulator and waiting between polls
    /// with <c>Task.Delay(delay, clock)</c> — in simulated time: each time the client starts waiting on this
    /// clock, the clock jumps to the earliest waiting timer, until the task completes. A job scripted to
    /// take 20 minutes completes in milliseconds, and the journal shows the exact instants the client chose.
    /// </summary>
    /// <param name="task">The work to complete. Its exceptions are rethrown.</param>
    /// <param name="limit">The most simulated time to pass (default <see cref="DefaultLimit"/>).</param>
    /// <param name="idleTimeout">
    /// The most real time to wait for the client to finish or start a wait on this clock (default
    /// <see cref="DefaultIdleTimeout"/>); running out usually means it sleeps on the wall clock.
    /// </param>
    /// <remarks>
    /// Every timer armed on this clock counts as the client waiting, so a client that arms a long timer
    /// of its own (an overall time-out on this clock) before its first request would have the clock
    /// jump to it: keep such time-outs on <see cref="TimeProvider.System"/>, or move the clock yourself.
    /// </remarks>
    /// <exception cref="TimeoutException">The limit or the idle time-out ran out first.</exception>
    public async Task AdvanceUntilCompleteAsync(Task task, TimeSpan? limit = null, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var budget = limit ?? DefaultLimit;
        var deadline = GetUtcNow() + budget;
        var idle = idleTimeout ?? DefaultIdleTimeout;
        while (!task.IsCompleted)
        {
            Task armed;
            lock (_gate)
            {
                armed = _armed.Task;
            }

            try
            {
                await Task.WhenAny(task, armed).WaitAsync(idle, TimeProvider.System).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"The task neither completed nor started a wait on the emulator's clock within {idle.TotalSeconds:0.###} s of real time " +
                    $"(at {GetUtcNow():O} on the clock). " +
                    "A client that sleeps on the wall clock needs UseRealClock(); one that waits on the emulator must pass this clock to Task.Delay.");
            }

            if (task.IsCompleted)
            {
                break;
            }

            DateTimeOffset? next;
            lock (_gate)
            {
                _armed = NewSignal();
                next = EarliestDue();
            }

            if (next is not { } due)
            {
                continue;
            }

            if (due > deadline)
            {
                throw new TimeoutException($"The task had not completed after {budget} on the emulator's clock; its next wait ends at {due:O}.");
            }

            if (due > GetUtcNow())
            {
                SetUtcNow(due);
            }
            else
            {
                Advance(TimeSpan.Zero);
            }
        }

        await task.ConfigureAwait(false);
    }

    /// <summary>As <see cref="AdvanceUntilCompleteAsync(Task, TimeSpan?, TimeSpan?)"/>, returning the task's result.</summary>
    public async Task<T> AdvanceUntilCompleteAsync<T>(Task<T> task, TimeSpan? limit = null, TimeSpan? idleTimeout = null)
    {
        await AdvanceUntilCompleteAsync((Task)task, limit, idleTimeout).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DateTimeOffset? EarliestDue()
    {
        DateTimeOffset? earliest = null;
        foreach (var timer in _pending)
        {
            if (timer.Due is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        return earliest;
    }

    private void Schedule(TrackedTimer timer, DateTimeOffset? due)
    {
        lock (_gate)
        {
            timer.Due = due;
            if (due is null)
            {
                _pending.Remove(timer);
                return;
            }

            _pending.Add(timer);
            _armed.TrySetResult();
        }
    }

    // Wraps FakeTimeProvider's timer to know when it is due; the fake timer does the firing.
    private sealed class TrackedTimer(EmulatorClock clock, TimerCallback callback, object? state) : ITimer
    {
        private ITimer? _inner;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public DateTimeOffset? Due { get; set; }

        public void Attach(ITimer inner) => _inner = inner;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            clock.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
            return _inner!.Change(dueTime, period);
        }

        public void Fire()
        {
            var periodic = _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero;
            clock.Schedule(this, periodic ? clock.GetUtcNow() + _period : null);
            callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Schedule(this, null);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
