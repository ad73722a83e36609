namespace JobEmulator.Core.Scheduling;

/// <summary>
/// Something the emulator does by itself at an instant (deliver a webhook, retry it, announce a job's
/// transition). It is told the instant it was due, which is the instant to record, whatever the clock
/// reads by the time it runs.
/// </summary>
/// <param name="due">The instant the work was scheduled for.</param>
/// <param name="cancellationToken">Cancelled when the scheduler is disposed or cleared.</param>
internal delegate ValueTask ScheduledWork(DateTimeOffset due, CancellationToken cancellationToken);
