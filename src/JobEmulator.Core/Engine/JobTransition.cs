using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>A job entering a new lifecycle step, at the instant it happened on the emulator's clock.</summary>
/// <param name="From">The status it left.</param>
/// <param name="To">The status it entered.</param>
/// <param name="At">When, on the emulator's clock (for a timed step: exactly when its <c>after</c> ran out).</param>
/// <param name="Job">The job as a poll at that instant would have shown it.</param>
internal readonly record struct JobTransition(JobStatus From, JobStatus To, DateTimeOffset At, JobView Job);
