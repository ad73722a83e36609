namespace JobEmulator.Testcontainers.Tests;

/// <summary>
/// The README's Testcontainers example, compiled so it cannot drift. It maps a port, which needs a bridge network
/// (the CI engine has none, so the tests beside this use <c>WithHostNetwork</c>); its calls are the same ones
/// <see cref="JobEmulatorContainerTests"/> runs against the image.
/// </summary>
public static class ReadmeSnippets
{
    public static async Task StartWithScenariosAsync()
    {
        // begin-snippet: testcontainers
        await using var emulator = new JobEmulatorBuilder()
            .WithScenarios("scenarios")              // mounted read-only at /scenarios; else the bundled ones
            .WithClock(JobEmulatorClock.Manual)      // time moves only through emulator.Admin
            .Build();
        await emulator.StartAsync();                 // returns once the image's health check passes

        using var client = new HttpClient { BaseAddress = emulator.GetBaseAddress() };
        // … your vendor client polls client.BaseAddress …

        await emulator.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(20));
        var journal = await emulator.Admin.GetRequestsAsync(job: "job_abc123def456");
        // end-snippet
        GC.KeepAlive(journal);
    }
}
