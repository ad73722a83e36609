
namespace JobEmulator.Testing;

// Driving clients: jump the clock to the earliest wait while every client waits, until they complete.
public sealed partial class EmulatorClock
{
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
}
