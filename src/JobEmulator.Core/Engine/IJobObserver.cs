namespace JobEmulator.Core.Engine;

/// <summary>
/// Told of every job's transitions (the webhook announcer is one). The engine asks <see cref="Observes"/>
/// to decide whether a job's timed steps need waking at their instant on the scheduler; a job nobody
/// observes costs nothing until it is polled.
/// </summary>
internal interface IJobObserver
{
    /// <summary>True when <paramref name="job"/>'s transitions matter to this observer (it has a subscriber).</summary>
    bool Observes(JobRuntime job);

    /// <summary>Called with the transitions <paramref name="job"/> made, oldest first, each exactly once, as soon as they are known.</summary>
    void OnTransitions(JobRuntime job, IReadOnlyList<JobTransition> transitions);
}
