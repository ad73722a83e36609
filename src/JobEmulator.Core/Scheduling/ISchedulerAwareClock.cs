namespace JobEmulator.Core.Scheduling;

/// <summary>
/// A clock that moves only when told (a test's fake clock, <c>serve --clock manual</c>) and knows the
/// emulator's <see cref="EmulatorScheduler"/>. On such a clock the scheduler runs its work to completion on
/// the thread that moves the clock, in instant order, before the move returns; and the clock can tell the
/// scheduler's timer (emulator work) from a client's own waits.
/// </summary>
public interface ISchedulerAwareClock
{
    /// <summary>Called once by each scheduler created on this clock.</summary>
    void Attach(EmulatorScheduler scheduler);

    /// <summary>Who is calling, in the clock's terms (the client a driven clock started), or null; a parked request is tagged with it.</summary>
    object? CurrentClient { get; }

    /// <summary>Told when a request parks in a scheduler's <see cref="EmulatorScheduler.DelayAsync"/>: the clock may now move.</summary>
    void RequestParked();
}
