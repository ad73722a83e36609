namespace JobEmulator.Core.Scheduling;

/// <summary>
/// The one place the emulator's own work waits for its instant: webhooks at the instant of a transition,
/// their retries, and later latency and expiries. Entries run in (instant, order scheduled) order.
/// <list type="bullet">
/// <item>On the real clock one timer is armed, for the earliest instant; due work runs on the thread pool,
/// each entry to completion, asynchronous work (an HTTP delivery) concurrently with the next.</item>
/// <item>On a clock that knows the scheduler (<see cref="ISchedulerAwareClock"/>), the timer fires while the
/// clock is moved, and every entry due by then runs to completion, in instant order, before the move
/// returns: the entries of one instant start together (their asynchronous work, HTTP deliveries, runs
/// concurrently), and the move waits for all of them before it goes on to the next instant.</item>
/// <item>Work scheduled for now outside a move (a transition a poll caused) is started on the scheduling
/// thread at once and never waited for there: no client's request waits on the emulator's own work. The
/// next move first waits for it to finish.</item>
/// </list>
/// The timer carries the scheduler as its state, so a clock can tell it from a client's waits.
/// </summary>
public sealed partial class EmulatorScheduler : IDisposable
{
    // Timers refuse delays past ~49.7 days; a later entry is reached by re-arming after each wake.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Entry, (DateTimeOffset Due, long Order)> _queue = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly Dictionary<TaskCompletionSource, object?> _parked = [];
    private readonly ISchedulerAwareClock? _aware;
    // The thread running due work, so that work it starts which schedules more for now neither re-enters nor waits.
    [ThreadStatic]
    private static EmulatorScheduler? t_running;

    private CancellationTokenSource _cancellation = new();
    private ITimer? _timer;
    private DateTimeOffset? _armedFor;
    private long _armGeneration;
    private long _order;
    private bool _running;
    private bool _disposed;
    private long _failures;

    /// <summary>Creates the scheduler on <paramref name="time"/>; a clock that knows schedulers is told.</summary>
    public EmulatorScheduler(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        if (time is ISchedulerAwareClock aware)
        {
            RunsInline = true;
            _aware = aware;
            aware.Attach(this);
        }
    }

    /// <summary>True on a clock that knows the scheduler: due work runs to completion while the clock moves.</summary>
    internal bool RunsInline { get; }

    /// <summary>The instant of the earliest entry waiting, or null when none waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _queue.TryPeek(out _, out var key) ? key.Due : null;
            }
        }
    }

    /// <summary>How many entries wait for their instant.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>How many entries threw instead of recording their own failure (an emulator bug; each is counted).</summary>
    internal long Failures => Interlocked.Read(ref _failures);

    /// <summary>Runs <paramref name="work"/> at <paramref name="due"/> on the clock (at once if that has passed).</summary>
    internal void Schedule(DateTimeOffset due, ScheduledWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(new Entry(work, _cancellation.Token), (due, ++_order));
        }

        // The clock is read outside the lock (a fake clock may run due timers when read), and again after
        // arming: if it moved past the instant meanwhile, the work runs now rather than a move late.
        if (due > _time.GetUtcNow())
        {
            Rearm();
            if (due > _time.GetUtcNow())
            {
                return;
            }
        }

        if (RunsInline)
        {
            RunDue(move: false);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.RunDue(move: false), this, preferLocal: false);
        }
    }

    /// <summary>
    /// How many requests are parked in <see cref="DelayAsync"/> (answered, waiting out their latency). A clock that drives
    /// clients counts a client whose request is parked as waiting: it is waiting for the emulator's clock.
    /// </summary>
    internal int Parked
    {
        get
        {
            lock (_gate)
            {
                return _parked.Count;
            }
        }
    }

    /// <summary>The client (as the clock names it, <see cref="ISchedulerAwareClock.CurrentClient"/>) of each parked request; null when unknown (a request over a socket).</summary>
    public IReadOnlyList<object?> ParkedClients
    {
        get
        {
            lock (_gate)
            {
                return [.. _parked.Values];
            }
        }
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on the emulator's clock, as an entry of this scheduler: a request's scripted latency.
    /// While it waits, the request counts in <see cref="Parked"/>; a <see cref="Clear"/> (a reset) ends the wait at once.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var due = _time.GetUtcNow() + delay;
        ScheduledWork wake = (_, _) =>
        {
            Unpark(done, canceled: false);
            return ValueTask.CompletedTask;
        };

        // Queued and counted as parked under one lock, so a reset (Clear) either sees both or neither.
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(new Entry(wake, _cancellation.Token), (due, ++_order));
            _parked[done] = _aware?.CurrentClient;
        }

        // Armed before the clock is told, so a clock that sees the request parked also sees the instant it waits for.
        Rearm();
        _aware?.RequestParked();
        if (due <= _time.GetUtcNow())
        {
            RunDue(move: false);
        }

        var registration = cancellationToken.Register(() => Unpark(done, canceled: true));
        done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }

    // Leaves the parked set and completes under one lock (continuations run asynchronously), so a clock looking
    // right after the move sees the request running again, and a wait that ends before it is counted is never counted.
    private void Unpark(TaskCompletionSource done, bool canceled)
    {
        lock (_gate)
        {
            _parked.Remove(done);
            if (canceled)
            {
                done.TrySetCanceled();
            }
            else
            {
                done.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Runs every entry due by the clock's time now, to completion when the clock knows the scheduler. A clock that
    /// moves calls this after the move, so due work runs even if its timer was still being armed.
    /// </summary>
    public void RunDueNow() => RunDue(move: RunsInline);

    /// <summary>Waits until no work started by the scheduler is still running (entries not yet due are not waited for).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _inFlight.Count == 0 ? Task.CompletedTask : Task.WhenAll([.. _inFlight]);
        }
    }

    /// <summary>Drops every waiting entry and cancels work in flight (a reset); the scheduler stays usable.</summary>
    public void Clear()
    {
        CancellationTokenSource old;
        ITimer? timer;
        List<TaskCompletionSource> parked;
        lock (_gate)
        {
            _queue.Clear();
            old = _cancellation;
            _cancellation = new CancellationTokenSource();
            timer = TakeTimerLocked();
            parked = [.. _parked.Keys];
            _parked.Clear();
        }

        timer?.Dispose();
        parked.ForEach(done => done.TrySetResult()); // parked requests are answered now rather than never
        old.Cancel();
        old.Dispose();
    }

    /// <summary>Stops the timer and cancels everything waiting or running.</summary>
    public void Dispose()
    {
        ITimer? timer;
        List<TaskCompletionSource> parked;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Clear();
            timer = TakeTimerLocked();
            parked = [.. _parked.Keys];
            _parked.Clear();
        }

        timer?.Dispose();
        parked.ForEach(done => done.TrySetResult());
        _cancellation.Cancel();
        _cancellation.Dispose();
    }

    private readonly record struct Entry(ScheduledWork Work, CancellationToken Cancellation);
}
