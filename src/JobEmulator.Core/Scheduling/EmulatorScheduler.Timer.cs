namespace JobEmulator.Core.Scheduling;

// The one timer, armed on the injected clock for the earliest due work.
public sealed partial class EmulatorScheduler
{
    // One timer, for the earliest entry. A fresh timer each time: a fake clock's one-shot timer re-armed
    // from inside its own callback would be disarmed again when the callback returns. Timers are created
    // and disposed outside the lock: a clock may run callbacks, or take its own lock, while doing either.
    private void Rearm()
    {
        var now = _time.GetUtcNow();
        DateTimeOffset due;
        long generation;
        ITimer? old;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!_queue.TryPeek(out _, out var key))
            {
                old = TakeTimerLocked();
                due = default;
                generation = 0;
            }
            else if (_armedFor == key.Due)
            {
                return; // armed (or being armed) for exactly this instant
            }
            else
            {
                old = TakeTimerLocked();
                due = key.Due;
                _armedFor = due;
                generation = _armGeneration;
            }
        }

        old?.Dispose();
        if (generation == 0)
        {
            return;
        }

        // Whole milliseconds, rounded up (fake clocks count in them), never zero (a zero due time runs the
        // callback on the arming thread) and at most a day (timers refuse ~49 days; an early wake re-arms).
        var delay = TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling((due - now).TotalMilliseconds), 1, MaxTimerDelay.TotalMilliseconds));
        ITimer timer;
        using (ExecutionContext.SuppressFlow())
        {
            // The scheduler is the timer's state: clocks that know the scheduler tell its timer from a client's.
            timer = _time.CreateTimer(static s => ((EmulatorScheduler)s!).OnTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }

        lock (_gate)
        {
            if (!_disposed && _armGeneration == generation)
            {
                _timer = timer;
                return;
            }
        }

        timer.Dispose(); // superseded while it was being created
    }

    // Forgets the armed timer (returned, to be disposed outside the lock) and invalidates any arming in progress.
    private ITimer? TakeTimerLocked()
    {
        var timer = _timer;
        _timer = null;
        _armedFor = null;
        _armGeneration++;
        return timer;
    }

    private void OnTimer()
    {
        ITimer? fired;
        lock (_gate)
        {
            fired = TakeTimerLocked();
        }

        fired?.Dispose();
        RunDue(move: RunsInline);
        Rearm();
    }
}
