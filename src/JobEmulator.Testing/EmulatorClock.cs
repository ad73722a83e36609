using JobEmulator.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace JobEmulator.Testing;

/// <summary>
/// The fake clock an in-process emulator runs on: a <see cref="FakeTimeProvider"/> (so <c>Advance</c>,
/// <c>SetUtcNow</c> and every timer behave as documented there) that also knows which timers are
/// waiting, so <c>AdvanceUntilCompleteAsync</c> can play a client's waits in simulated time.
/// </summary>
/// <remarks>
/// <para>The contract between this clock, the clients it drives and the emulator's own work:</para>
/// <list type="number">
/// <item>The emulator's own work (webhooks at transition instants, their retries) waits on the emulator's
/// <see cref="EmulatorScheduler"/>, whose single timer this clock recognises. It is never counted as a client's wait.</item>
/// <item><c>Advance</c>/<c>SetUtcNow</c> run every timer that falls due, in instant order, the clock reading each
/// one's instant as it runs; the scheduler's timer runs all emulator work due by then to completion (an HTTP
/// delivery included) before the move goes on, so when <c>Advance</c> returns, that work is done.</item>
/// <item><c>AdvanceUntilCompleteAsync</c> moves only when every client it drives is waiting: on a timer of its own
/// on this clock (<c>Task.Delay(d, clock)</c>) or on a signal it awaits through <see cref="WaitAsync(Task)"/>
/// (what <c>emulator.Webhooks</c>' waits do). It then jumps to the earlier of the clients' waits and the
/// scheduler's next instant, runs due emulator work to completion, and looks again.</item>
/// <item>A client whose request is answered with a scripted latency counts as waiting while the request is parked on
/// the scheduler (<see cref="EmulatorScheduler.DelayAsync"/>): the latency is part of that client's request, waited on
/// this clock, neither lost nor a hang.</item>
/// <item>A client that waits on anything else (a wall-clock sleep, an unmarked <c>TaskCompletionSource</c>)
/// looks busy, and the drive stops with a time-out naming that cause after the idle time-out.</item>
/// </list>
/// </remarks>
public sealed partial class EmulatorClock : FakeTimeProvider, ISchedulerAwareClock
{
    /// <summary>How far <c>AdvanceUntilCompleteAsync</c> moves the clock at most, unless told: one simulated day.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromDays(1);

    /// <summary>How long, in real time, <c>AdvanceUntilCompleteAsync</c> waits for the client to do something, unless told: 10 s.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(10);

    private static readonly AsyncLocal<object?> s_owner = new();

    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _pending = [];
    private readonly List<SignalWait> _signals = [];
    private readonly List<EmulatorScheduler> _schedulers = [];
    private TaskCompletionSource _armed = NewSignal();
    private long _armSequence;
    private int _driving;

    /// <summary>Creates the clock at <paramref name="start"/>.</summary>
    public EmulatorClock(DateTimeOffset start)
        : base(start)
    {
        StartTime = start;
    }

    /// <summary>Where the clock started, and where a reset puts it back.</summary>
    public DateTimeOffset StartTime { get; }

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

    private List<object?> ParkedClients()
    {
        EmulatorScheduler[] schedulers;
        lock (_gate)
        {
            schedulers = [.. _schedulers];
        }

        return [.. schedulers.SelectMany(scheduler => scheduler.ParkedClients)];
    }

    private EmulatorScheduler[] Schedulers()
    {
        lock (_gate)
        {
            return [.. _schedulers];
        }
    }

    private DateTimeOffset? SchedulersNextDue()
    {
        DateTimeOffset? earliest = null;
        foreach (var scheduler in Schedulers())
        {
            if (scheduler.NextDue is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        return earliest;
    }

    // Emulator work due by now runs before the driver looks again, whether or not its timer fired.
    private void RunSchedulers()
    {
        foreach (var scheduler in Schedulers())
        {
            scheduler.RunDueNow();
        }
    }

    private bool AllWaiting(List<Client> live, List<object?> parked)
    {
        var untagged = parked.Count(owner => owner is null);
        var busy = 0;
        foreach (var client in live)
        {
            if (IsWaiting(client))
            {
                continue;
            }

            if (client.Owner is null ? parked.Count > 0 : parked.Contains(client.Owner))
            {
                continue;
            }

            busy++;
        }

        return busy <= untagged;
    }

    /// <summary>How many entries the emulator's schedulers on this clock hold (webhook deliveries, retries, timed transitions).</summary>
    public int PendingEmulatorWork
    {
        get
        {
            EmulatorScheduler[] schedulers;
            lock (_gate)
            {
                schedulers = [.. _schedulers];
            }

            // Read outside the clock's lock: a scheduler takes its own lock, and arms timers on this clock under none.
            return schedulers.Sum(scheduler => scheduler.Pending);
        }
    }

    /// <inheritdoc />
    object? ISchedulerAwareClock.CurrentClient => s_owner.Value;

    /// <inheritdoc />
    void ISchedulerAwareClock.RequestParked()
    {
        lock (_gate)
        {
            _armed.TrySetResult();
        }
    }

    /// <inheritdoc />
    void ISchedulerAwareClock.Attach(EmulatorScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        lock (_gate)
        {
            _schedulers.Add(scheduler);
        }
    }

    /// <summary>
    /// Awaits <paramref name="signal"/> as a wait the clock can see: while it is pending, the calling client counts
    /// as waiting, so <c>AdvanceUntilCompleteAsync</c> may move the clock to the emulator's next work (the webhook
    /// the client waits for). Use it for a signal of your own, such as a WireMock receiver's first request.
    /// </summary>
    public Task WaitAsync(Task signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.IsCompleted)
        {
            return signal;
        }

        var wait = new SignalWait(s_owner.Value, signal);
        lock (_gate)
        {
            _signals.Add(wait);
            _armed.TrySetResult();
        }

        signal.ContinueWith(
            static (_, state) =>
            {
                var (clock, done) = ((EmulatorClock, SignalWait))state!;
                lock (clock._gate)
                {
                    clock._signals.Remove(done);
                }
            },
            (this, wait),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return signal;
    }

    /// <summary>As <see cref="WaitAsync(Task)"/>, returning the signal's result.</summary>
    public async Task<T> WaitAsync<T>(Task<T> signal)
    {
        await WaitAsync((Task)signal).ConfigureAwait(false);
        return await signal.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        // The emulator's scheduler arms its timer with itself as the state: that timer is emulator work, not a client's wait.
        var timer = new TrackedTimer(this, callback, state, state is EmulatorScheduler);
        timer.Attach(base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Puts the clock back at <see cref="StartTime"/> with no auto-advance, and abandons every timer still
    /// armed on it: a client left waiting by an earlier test never wakes into the next one.
    /// </summary>
    internal void Rewind()
    {
        List<TrackedTimer> abandoned;
        lock (_gate)
        {
            abandoned = [.. _pending];
        }

        abandoned.ForEach(timer => timer.Dispose());
        AutoAdvanceAmount = TimeSpan.Zero;
        AdjustTime(StartTime);
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

            timer.ArmedAt = ++_armSequence;
            _pending.Add(timer);
            _armed.TrySetResult();
        }
    }
}
