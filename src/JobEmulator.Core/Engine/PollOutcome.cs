using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>The result of one status poll of an existing job.</summary>
/// <param name="Kind">Status, fault or expired.</param>
/// <param name="Job">The job as this poll sees it (meaningful for <see cref="PollOutcomeKind.Status"/>).</param>
/// <param name="Fault">The scripted fault (for <see cref="PollOutcomeKind.Fault"/>).</param>
/// <param name="Request">1-based number of this status request for the job.</param>
internal readonly record struct PollOutcome(PollOutcomeKind Kind, JobView Job, FaultRule? Fault, int Request)
{
    /// <summary>The latency of the step the job was in when polled, else the job's, when scripted.</summary>
    public Latency? Latency { get; init; }
}
