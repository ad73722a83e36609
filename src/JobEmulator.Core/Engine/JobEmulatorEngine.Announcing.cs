using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

// Announcing: who watches jobs, and the transitions (webhooks included) told to them.
public sealed partial class JobEmulatorEngine
{
    /// <summary>
    /// Registers <paramref name="observer"/> for every job's transitions. Jobs it observes have their timed steps
    /// woken on the <see cref="Scheduler"/> at their exact instants, so it hears of them with nobody polling.
    /// </summary>
    internal void AddObserver(IJobObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_writeGate)
        {
            Volatile.Write(ref _observers, [.. _observers, observer]);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="job"/>'s next timed step is woken on the scheduler if an observer now cares
    /// (call it when a subscription that covers existing jobs is added).
    /// </summary>
    internal void Watch(JobRuntime job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Watch(job, Volatile.Read(ref _stores));
    }

    /// <summary>The jobs of <paramref name="scenario"/> that already exist now have a subscriber: wakes their timed steps at their instants.</summary>
    internal void WatchJobsOf(Scenario scenario)
    {
        foreach (var job in JobsOf(scenario.Dialect))
        {
            if (ReferenceEquals(job.Scenario, scenario))
            {
                Watch(job);
            }
        }
    }

    private void Watch(JobRuntime job, EngineStores stores)
    {
        var observed = IsObserved(job);
        job.KeepTransitions(observed);
        if (observed && job.ClaimDeadline(out var deadline))
        {
            Scheduler.Schedule(deadline, (due, _) =>
            {
                // A reset since then replaced the stores: this job no longer exists.
                if (ReferenceEquals(stores, Volatile.Read(ref _stores)))
                {
                    job.AdvanceTo(due);
                    Announce(job, stores);
                }

                return ValueTask.CompletedTask;
            });
        }
    }

    /// <summary>Moves <paramref name="job"/> on by hand (<see cref="JobRuntime.ForceAdvance"/>) and announces the transition.</summary>
    internal bool Advance(JobRuntime job, JobStatus? to = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.ForceAdvance(Time.GetUtcNow(), to))
        {
            return false;
        }

        Announce(job);
        return true;
    }

    /// <summary>Cancels <paramref name="job"/> at <paramref name="now"/> (<see cref="JobRuntime.Cancel"/>) and announces the transition; false when it had finished.</summary>
    internal bool Cancel(JobRuntime job, IReadOnlyList<LifecycleStep> steps, DateTimeOffset now)
    {
        if (!job.Cancel(now, steps))
        {
            return false;
        }

        Announce(job);
        return true;
    }

    /// <summary>Hands <paramref name="job"/>'s pending transitions to every observer, then wakes its next timed step if observed.</summary>
    internal void Announce(JobRuntime job) => Announce(job, Volatile.Read(ref _stores));

    /// <summary>True while <paramref name="job"/> is live in the current stores (not replaced by a reset, nor evicted).</summary>
    internal bool IsCurrent(JobRuntime job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ReferenceEquals(Volatile.Read(ref _stores).Jobs(job.Scenario.Dialect)?.Find(job.Script.Id), job);
    }

    private void Announce(JobRuntime job, EngineStores stores)
    {
        // A job of stores a reset replaced (polled, or woken, across the reset) announces nothing and is not watched again.
        if (!ReferenceEquals(stores.Jobs(job.Scenario.Dialect)?.Find(job.Script.Id), job))
        {
            job.TakeTransitions();
            return;
        }

        var transitions = job.TakeTransitions();
        if (transitions.Count > 0)
        {
            foreach (var observer in Observers())
            {
                observer.OnTransitions(job, transitions);
            }
        }

        Watch(job, stores);
    }

    private bool IsObserved(JobRuntime job)
    {
        foreach (var observer in Observers())
        {
            if (observer.Observes(job))
            {
                return true;
            }
        }

        return false;
    }

    private IJobObserver[] Observers() => Volatile.Read(ref _observers);
}
