namespace JobEmulator.Cli;

/// <summary>
/// Gives memory back to the OS once <c>serve</c> goes quiet. After a burst (300,000 submissions, jobs evicted at the
/// cap) the collector keeps the regions it grew into, committed but free, for as long as nothing allocates; RSS then
/// stays at the burst's peak. Every <see cref="Period"/> of wall time, when the process allocated less than
/// <see cref="QuietBytes"/> since the last look, was busy before, and has more than <see cref="FloorBytes"/> of heap
/// committed, one compacting collection returns the free room: once per quiet spell. Under load it never runs, so it
/// costs requests nothing.
/// </summary>
internal static class IdleCompaction
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    public const long QuietBytes = 16L * 1024 * 1024;
    public const long FloorBytes = 64L * 1024 * 1024;

    public static async Task RunAsync(CancellationToken cancellation)
    {
        // Process housekeeping on the wall clock, not the emulator's: it is never scheduled on the emulator's clock.
        using var timer = new PeriodicTimer(Period, TimeProvider.System);
        var allocated = GC.GetTotalAllocatedBytes();
        var compacted = true; // start-up compacts a large load itself
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                var quiet = now - allocated < QuietBytes;
                allocated = now;
                if (!quiet)
                {
                    compacted = false;
                }
                else if (!compacted && GC.GetGCMemoryInfo().TotalCommittedBytes > FloorBytes)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    allocated = GC.GetTotalAllocatedBytes();
                    compacted = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // serve is stopping
        }
    }
}
