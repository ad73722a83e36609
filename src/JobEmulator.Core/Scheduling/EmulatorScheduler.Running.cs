namespace JobEmulator.Core.Scheduling;

// Running due work: one runner at a time, in instant order, each piece to completion.
public sealed partial class EmulatorScheduler
{
    // Runs every entry due by now, earliest first. One runner at a time: work scheduled meanwhile (a retry, an
    // announcement for now) joins the queue and the running loop picks it up before it stops. A move (a clock that
    // knows the scheduler moving, or its driver) waits for the work it starts, one instant at a time, and for work
    // started outside a move before it; a runner started by a request only starts work and returns.
    private void RunDue(bool move = false)
    {
        if (ReferenceEquals(t_running, this))
        {
            return; // scheduled by work this thread is running: the loop below picks it up
        }

        if (!EnterRunner(wait: move))
        {
            return;
        }

        var outer = t_running; // another scheduler's runner on this thread (two engines), restored after
        t_running = this;
        try
        {
            if (move)
            {
                WaitForInFlight(null);
            }

            while (true)
            {
                List<Task>? started = move ? [] : null;
                DateTimeOffset? instant = null;
                while (TakeDue() is { } next)
                {
                    if (started is { Count: > 0 } && next.Due != instant)
                    {
                        WaitForInFlight(started); // this instant's work is done before the next instant's starts
                    }

                    instant = next.Due;
                    if (Run(next.Entry, next.Due) is { } task)
                    {
                        started?.Add(task);
                    }
                }

                if (started is { Count: > 0 })
                {
                    WaitForInFlight(started);
                }

                var now = _time.GetUtcNow();
                lock (_gate)
                {
                    // Work scheduled for now by another thread while this one finished is this runner's to run:
                    // checked and stopped under one lock, so such work is never left for a timer.
                    if (!_disposed && _queue.TryPeek(out _, out var key) && key.Due <= now)
                    {
                        continue;
                    }

                    _running = false;
                }

                break;
            }
        }
        catch
        {
            // Inline work that throws is an emulator bug the test must see; the scheduler stays usable.
            lock (_gate)
            {
                _running = false;
            }

            throw;
        }
        finally
        {
            t_running = outer;
        }

        Rearm();
    }

    // Becomes the runner. A move waits for a runner a request started (it only starts work, so it is soon done);
    // anyone else leaves the due work to the runner there is.
    private bool EnterRunner(bool wait)
    {
        var spin = default(SpinWait);
        while (true)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                if (!_running)
                {
                    _running = true;
                    return true;
                }

                if (!wait)
                {
                    return false;
                }
            }

            spin.SpinOnce();
        }
    }

    // Waits for work in flight: that of one instant (started), else everything started so far (work a request
    // started before this move). The first failure of the instant's own work is rethrown, as inline work's is.
    private void WaitForInFlight(List<Task>? started)
    {
        Task[] tasks;
        if (started is null)
        {
            lock (_gate)
            {
                tasks = [.. _inFlight];
            }
        }
        else
        {
            tasks = [.. started];
            started.Clear();
        }

        if (tasks.Length == 0)
        {
            return;
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException ex) when (started is not null && RunsInline)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        catch (AggregateException)
        {
            // Counted in Failures by the task's continuation.
        }
    }

    private (Entry Entry, DateTimeOffset Due)? TakeDue()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_disposed || !_queue.TryPeek(out var entry, out var key) || key.Due > now)
            {
                return null;
            }

            _queue.Dequeue();
            return (entry, key.Due);
        }
    }

    // Starts one entry; returns its task when it goes on asynchronously (an HTTP delivery), tracked until it ends.
    // The entry counts as in flight from before it starts, so WhenIdleAsync never misses work that has begun.
    private Task? Run(Entry entry, DateTimeOffset due)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _inFlight.Add(running.Task);
        }

        ValueTask pending;
        try
        {
            pending = entry.Work(due, entry.Cancellation);
        }
        catch (Exception) when (!RunsInline)
        {
            Interlocked.Increment(ref _failures);
            Ended(running);
            return null;
        }
        catch
        {
            Ended(running);
            throw;
        }

        if (pending.IsCompleted)
        {
            Ended(running);
            Observe(pending);
            return null;
        }

        var task = pending.AsTask();
        task.ContinueWith(
            static (done, state) =>
            {
                var (scheduler, running) = ((EmulatorScheduler, TaskCompletionSource))state!;
                if (done.IsFaulted)
                {
                    Interlocked.Increment(ref scheduler._failures);
                }

                scheduler.Ended(running);
            },
            (this, running),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    private void Ended(TaskCompletionSource running)
    {
        lock (_gate)
        {
            _inFlight.Remove(running.Task);
        }

        running.TrySetResult();
    }

    private void Observe(ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
        }
        catch (Exception) when (!RunsInline)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}
