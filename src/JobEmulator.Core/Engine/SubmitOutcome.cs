using JobEmulator.Core.Limits;
namespace JobEmulator.Core.Engine;

/// <summary>What a submission came to: the job it created, or why none was.</summary>
/// <param name="Job">The new job, or null when refused.</param>
/// <param name="Refusal">Why it was refused; null when the job was created.</param>
internal readonly record struct SubmitOutcome(JobRuntime? Job, SubmitRefusal? Refusal)
{
    /// <summary>The scripted fault that answered the submission instead, when <see cref="Refusal"/> is <see cref="SubmitRefusal.Fault"/>.</summary>
    public Scenarios.FaultRule? Fault { get; init; }

    /// <summary>How long the emulator takes to answer (the scenario's submit latency), when it has one.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>What the scenario's rate limit decided, when it has one.</summary>
    public RateDecision? RateLimit { get; init; }

    /// <summary>The scenario's concurrent-job limit, when that refused the submission.</summary>
    public int? ConcurrentJobs { get; init; }

    /// <summary>
    /// When the concurrent-job limit refused it: the whole seconds, on the emulator's clock, until the earliest of the
    /// key's running jobs is scripted to end by time; 1 when every one of them ends by polls alone (a poll may free one now).
    /// </summary>
    public int? SlotFreesInSeconds { get; init; }
}
