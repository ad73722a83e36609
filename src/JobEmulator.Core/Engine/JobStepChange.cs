using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>One step change in a job's history: from which status to which, and when on the emulator's clock.</summary>
/// <param name="From">The status it left.</param>
/// <param name="To">The status it entered.</param>
/// <param name="At">When.</param>
internal readonly record struct JobStepChange(JobStatus From, JobStatus To, DateTimeOffset At);
