using JobEmulator.Core.Engine.Scheduling;
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
    /// Plays <paramref name="task"/> — a client polling the emulator and waiting between polls with
    /// <c>Task.Delay(delay, clock)</c> — in simulated time: whenever the client has started a new wait on this
    /// clock, the clock jumps to the earliest waiting timer, until the task completes. A job scripted to take
    /// 20 minutes completes in milliseconds, and the journal shows the exact instants the client chose.
    /// For several clients polling at once, use the overload that starts them.
    /// </summary>
    /// <param name="task">The work to complete: one client, one chain of awaits. Its exception is rethrown.</param>
    /// <param name="limit">The most simulated time to pass (default <see cref="DefaultLimit"/>).</param>
    /// <param name="idleTimeout">
    /// The most real time to wait for the client to finish or start a wait on this clock (default
    /// <see cref="DefaultIdleTimeout"/>); running out usually means it sleeps on the wall clock.
    /// </param>
    /// <remarks>
    /// Every timer pending on this clock counts as the client waiting — including one left behind by earlier
    /// work, and one the client arms for itself (an overall time-out on this clock) before a request — and the
    /// clock would jump to it. Keep such time-outs on <see cref="TimeProvider.System"/>; the overload that starts
    /// the client itself (<c>AdvanceUntilCompleteAsync([() =&gt; client.RunAsync()])</c>) ignores leftovers.
    /// </remarks>
    /// <exception cref="TimeoutException">The limit or the idle time-out ran out first.</exception>
#pragma warning disable RS0026 // One call by what is driven (a task, a task with a result, clients to start); the limits stay optional on each.
    public Task AdvanceUntilCompleteAsync(Task task, TimeSpan? limit = null, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);

        // The task is already running and may have armed its first wait: every pending timer counts.
        return DriveAsync([new Client(null, task)], 0, limit, idleTimeout);
    }

    /// <summary>As <see cref="AdvanceUntilCompleteAsync(Task, TimeSpan?, TimeSpan?)"/>, returning the task's result.</summary>
    public async Task<T> AdvanceUntilCompleteAsync<T>(Task<T> task, TimeSpan? limit = null, TimeSpan? idleTimeout = null)
    {
        await AdvanceUntilCompleteAsync((Task)task, limit, idleTimeout).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Starts each of <paramref name="clients"/> and plays them together in simulated time: the clock jumps only
    /// when every client still running is waiting on a timer it armed itself, so concurrent pollers each see the
    /// exact instants they chose. Rethrows the first client failure once all have ended.
    /// </summary>
    /// <param name="clients">Each starts one client (for example <c>() =&gt; poller.WaitForCompletionAsync(id)</c>).</param>
    /// <param name="limit">The most simulated time to pass (default <see cref="DefaultLimit"/>).</param>
    /// <param name="idleTimeout">The most real time to wait for some client to finish or start a wait (default <see cref="DefaultIdleTimeout"/>).</param>
    /// <exception cref="TimeoutException">The limit or the idle time-out ran out first.</exception>
    public Task AdvanceUntilCompleteAsync(IEnumerable<Func<Task>> clients, TimeSpan? limit = null, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (Volatile.Read(ref _driving) == 1)
        {
            // Refuse before starting anyone: clients started now would run with no clock to move them.
            return Task.FromException(AlreadyDriving());
        }

        var started = new List<Client>();
        var outer = s_owner.Value;
        long baseline;
        lock (_gate)
        {
            // Timers armed before the clients start (left over from earlier work) are nobody's wait.
            baseline = _armSequence;
        }

        try
        {
            foreach (var start in clients)
            {
                ArgumentNullException.ThrowIfNull(start, nameof(clients));

                // The client's timers carry this token through its ExecutionContext, so its waits are told apart.
                var owner = new object();
                s_owner.Value = owner;
                started.Add(new Client(owner, StartClient(start)));
            }
        }
        finally
        {
            s_owner.Value = outer;
        }

        return DriveAsync(started, baseline, limit, idleTimeout);
    }
#pragma warning restore RS0026

    private static InvalidOperationException AlreadyDriving() =>
        new("The clock is already advancing for another AdvanceUntilCompleteAsync: drive concurrent clients with one call that starts them all.");

    private static Task StartClient(Func<Task> start)
    {
        try
        {
            return start() ?? Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private async Task DriveAsync(List<Client> clients, long baseline, TimeSpan? limit, TimeSpan? idleTimeout)
    {
        if (Interlocked.Exchange(ref _driving, 1) == 1)
        {
            throw AlreadyDriving();
        }

        try
        {
            await DriveOnceAsync(clients, baseline, limit, idleTimeout).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _driving, 0);
        }
    }

    private async Task DriveOnceAsync(List<Client> clients, long baseline, TimeSpan? limit, TimeSpan? idleTimeout)
    {
        var budget = limit ?? DefaultLimit;
        var deadline = GetUtcNow() + budget;
        var idle = idleTimeout ?? DefaultIdleTimeout;
        clients.ForEach(client => client.Since = baseline);

        while (true)
        {
            var live = clients.FindAll(client => !client.Task.IsCompleted);
            if (live.Count == 0)
            {
                break;
            }

            DateTimeOffset? next = null;
            Task? armed = null;

            // Requests parked in their scripted latency wait for this clock too. Read outside the clock's lock;
            // a move of this clock (which this loop makes), a reset or a client's cancellation unparks one.
            var parked = ParkedClients();

            // The schedulers' earliest entries count as instants to jump to even before their timer is armed: a
            // request is counted as parked only once its entry is queued, so the jump never passes it.
            var emulatorDue = SchedulersNextDue();
            lock (_gate)
            {
                if (HasPeriodicTimer())
                {
                    throw new NotSupportedException(
                        "A periodic timer (PeriodicTimer, or a Timer with a period) is armed on the emulator's clock: its ticks re-arm by " +
                        "themselves, so the clock cannot tell when the client waits again. Move the clock with Advance instead.");
                }

                // Every client waits on a timer or a signal of its own, or has a request parked in latency: its own
                // (tagged with it, in memory), or one of the untagged ones (over a socket), one client each.
                if (AllWaiting(live, parked))
                {
                    next = EarliestDue();
                    if (emulatorDue is { } work && (next is null || work < next))
                    {
                        next = work;
                    }

                    _armed = NewSignal();

                    // Whoever the jump wakes must start a new wait before the clock moves again.
                    foreach (var client in live)
                    {
                        if (HasTimer(client, due => due <= next))
                        {
                            client.Since = _armSequence;
                        }
                    }
                }
                else
                {
                    armed = _armed.Task;
                }
            }

            if (armed is not null)
            {
                await WaitForActivity(armed, live, idle).ConfigureAwait(false);
                continue;
            }

            if (next is not { } due)
            {
                // Every client awaits a signal and nothing is scheduled that could complete one.
                throw new InvalidOperationException(
                    $"Every client waits for a signal (a webhook), but nothing is scheduled on the emulator's clock at {GetUtcNow():O}: " +
                    "no job of theirs has a step that ends by time and no delivery is pending. Check the job's lifecycle and the webhook's subscription." + Describe(live));
            }

            if (due > deadline)
            {
                throw new TimeoutException($"The work had not completed after {budget} on the emulator's clock; its next wait ends at {due:O}.");
            }

            if (due > GetUtcNow())
            {
                SetUtcNow(due);
            }
            else
            {
                Advance(TimeSpan.Zero);
            }

            RunSchedulers();
        }

        await Task.WhenAll(clients.ConvertAll(client => client.Task)).ConfigureAwait(false);
    }

    private async Task WaitForActivity(Task armed, List<Client> live, TimeSpan idle)
    {
        var finished = Task.WhenAny(live.ConvertAll(client => client.Task));
        try
        {
            await Task.WhenAny(armed, finished).WaitAsync(idle, TimeProvider.System).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The work neither completed nor started a wait on the emulator's clock within {idle.TotalSeconds:0.###} s of real time " +
                $"(at {GetUtcNow():O} on the clock). A client that sleeps on the wall clock needs UseRealClock(); " +
                "one that waits on the emulator must pass this clock to Task.Delay." + Describe(live));
        }
    }

    private string Describe(List<Client> live)
    {
        lock (_gate)
        {
            var waiting = live.FindAll(IsWaiting).Count;
            return $" ({live.Count} client(s) still running, {waiting} of them waiting on the clock; {_pending.Count} timer(s) pending.)";
        }
    }

    private bool HasPeriodicTimer()
    {
        foreach (var timer in _pending)
        {
            if (timer.IsPeriodic)
            {
                return true;
            }
        }

        return false;
    }

    // A client waits when a timer of its own (any client timer, for a client started outside) was armed since it
    // last woke, or while it awaits a signal through WaitAsync.
    private bool IsWaiting(Client client) => HasTimer(client, static _ => true) || HasSignal(client);

    private bool HasSignal(Client client)
    {
        foreach (var wait in _signals)
        {
            if (!wait.Signal.IsCompleted && (client.Owner is null || ReferenceEquals(wait.Owner, client.Owner)))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasTimer(Client client, Func<DateTimeOffset, bool> dueMatches)
    {
        foreach (var timer in _pending)
        {
            if (!timer.IsEmulatorWork && timer.Due is { } due && timer.ArmedAt > client.Since && (client.Owner is null || ReferenceEquals(timer.Owner, client.Owner)) && dueMatches(due))
            {
                return true;
            }
        }

        return false;
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
