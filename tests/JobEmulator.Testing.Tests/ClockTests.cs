using FluentAssertions;
using JobEmulator.Examples;
using Xunit;

namespace JobEmulator.Testing.Tests;

/// <summary>How the emulator's clock plays clients' waits in simulated time.</summary>
public sealed class ClockTests
{
    private static Task<JobEmulatorHost> StartWith(params string[] jobs) => JobEmulatorHost.StartAsync(options =>
        options.AddScenario("docurift", scenario =>
        {
            foreach (var id in jobs)
            {
                scenario.Job(id, job => job.Status("processing", after: TimeSpan.FromSeconds(20)).Completed());
            }
        }));

    // One job of 20 s whose every event is also sent to a scenario-wide endpoint, captured in memory.
    private static Task<JobEmulatorHost> StartWithWebhooks() => JobEmulatorHost.StartAsync(options =>
    {
        options.AddScenarioYaml("""
            version: 1
            dialect: docurift
            webhooks: { url: "https://app.example/hooks", secret: whsec_clock }
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, after: 20s }, { status: completed }]
            """);
        options.CaptureWebhooks();
    });

    private static List<double> PollInstants(JobEmulatorHost emulator, string jobId) =>
        [.. emulator.Journal.Snapshot().Where(e => e.JobId == jobId).Select(e => (e.Time - EmulatorSetupOptions.DefaultStartTime).TotalSeconds)];

    [Fact]
    public async Task OneClient_IsPolledAtExactlyTheInstantsItChose()
    {
        await using var emulator = await StartWith("job_1");
        using var http = emulator.CreateClient();

        await emulator.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(http, "k", emulator.Clock).WaitForCompletionAsync("job_1"));

        PollInstants(emulator, "job_1").Should().Equal(0, 1, 3, 7, 15, 31);
    }

    [Fact]
    public async Task SeveralClients_StartedByTheClock_EachSeeTheirOwnInstants()
    {
        await using var emulator = await StartWith("job_a", "job_b", "job_c");
        using var http = emulator.CreateClient();
        var doubling = new DocuRiftPoller(http, "k", emulator.Clock);
        var steady = new DocuRiftPoller(http, "k", emulator.Clock) { FirstDelay = TimeSpan.FromSeconds(3), Factor = 1 };
        var slow = new DocuRiftPoller(http, "k", emulator.Clock) { FirstDelay = TimeSpan.FromSeconds(7), Factor = 1.5 };

        for (var run = 0; run < 20; run++)
        {
            await emulator.ResetAsync();

            // begin-snippet: several-clients
            await emulator.Clock.AdvanceUntilCompleteAsync(
            [
                () => doubling.WaitForCompletionAsync("job_a"),
                () => steady.WaitForCompletionAsync("job_b"),
                () => slow.WaitForCompletionAsync("job_c"),
            ]);
            // end-snippet

            PollInstants(emulator, "job_a").Should().Equal(0, 1, 3, 7, 15, 31);
            PollInstants(emulator, "job_b").Should().Equal(0, 3, 6, 9, 12, 15, 18, 21);
            PollInstants(emulator, "job_c").Should().Equal(0, 7, 17.5, 33.25);
        }
    }

    [Fact]
    public async Task SeveralClients_AFailureIsRethrown_AfterTheOthersFinish()
    {
        await using var emulator = await StartWith("job_a");
        using var http = emulator.CreateClient();
        var poller = new DocuRiftPoller(http, "k", emulator.Clock);

        var both = () => emulator.Clock.AdvanceUntilCompleteAsync(
        [
            () => poller.WaitForCompletionAsync("job_a"),
            () => poller.WaitForCompletionAsync("job_missing"),
        ]);

        (await both.Should().ThrowAsync<HttpRequestException>()).WithMessage("DocuRift answered 404*");
        emulator.Journal.Should().HaveStoppedPollingAfterTerminal("job_a");
    }

    [Fact]
    public async Task TimersLeftOverFromEarlierWork_AreNotMistakenForTheClientsWait()
    {
        await using var emulator = await StartWith("job_1");
        using var http = emulator.CreateClient();
        using var abandoned = new CancellationTokenSource();
        _ = Task.Delay(TimeSpan.FromMinutes(30), emulator.Clock, abandoned.Token);

        // Started by the clock, the client's waits are told apart from timers armed before it.
        await emulator.Clock.AdvanceUntilCompleteAsync([() => new DocuRiftPoller(http, "k", emulator.Clock).WaitForCompletionAsync("job_1")]);

        PollInstants(emulator, "job_1").Should().Equal(0, 1, 3, 7, 15, 31);
        await abandoned.CancelAsync();
    }

    [Fact]
    public async Task TwoDrivesAtOnce_AreRefused_WithAPointerToTheManyClientForm()
    {
        await using var emulator = await StartWith("job_a");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first drive waits (in real time) on work the test holds; the second arrives meanwhile.
        var first = emulator.Clock.AdvanceUntilCompleteAsync(release.Task);
        var second = () => emulator.Clock.AdvanceUntilCompleteAsync(Task.CompletedTask);

        (await second.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*already advancing*one call that starts them all*");
        var started = false;
        var third = () => emulator.Clock.AdvanceUntilCompleteAsync([() => { started = true; return Task.CompletedTask; }]);
        await third.Should().ThrowAsync<InvalidOperationException>();
        started.Should().BeFalse("a refused drive starts no client");
        release.SetResult();
        await first;
        await emulator.Clock.AdvanceUntilCompleteAsync(Task.CompletedTask);
    }

    [Fact]
    public async Task APeriodicTimer_CannotBeDriven_AndSaysSo()
    {
        await using var emulator = await StartWith("job_1");
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(5), emulator.Clock);

        var drive = () => emulator.Clock.AdvanceUntilCompleteAsync(ticks.WaitForNextTickAsync().AsTask());

        (await drive.Should().ThrowAsync<NotSupportedException>()).WithMessage("*periodic timer*Advance instead*");
    }

    [Fact]
    public async Task ResetAsync_AbandonsWaitsLeftByAnEarlierTest()
    {
        await using var emulator = await StartWith("job_1");
        using var http = emulator.CreateClient();
        async Task Orphan()
        {
            // A client an earlier test left waiting before its next poll.
            await Task.Delay(TimeSpan.FromSeconds(5), emulator.Clock);
            using var _ = await http.GetAsync(new Uri("v1/jobs/job_1", UriKind.Relative));
        }

        var orphan = Orphan();
        emulator.Clock.PendingTimers.Should().Be(1);

        await emulator.ResetAsync();
        emulator.Clock.Advance(TimeSpan.FromHours(1));

        emulator.Clock.PendingTimers.Should().Be(0);
        orphan.IsCompleted.Should().BeFalse("the abandoned client never wakes");
        emulator.Journal.Snapshot().Should().BeEmpty("nothing from the earlier test reaches the next one");
    }
    [Fact]
    public async Task AClientAwaitingEmulatorWork_WithNoTimerOfItsOwn_CompletesAtTheWorksInstant()
    {
        await using var emulator = await StartWithWebhooks();

        var completed = await emulator.Clock.AdvanceUntilCompleteAsync(emulator.Webhooks.WaitForEventAsync("document.processing.completed"));

        completed.Json.GetProperty("createdAt").GetString().Should().Be("2025-01-01T00:00:20Z");
        emulator.Clock.GetUtcNow().Should().Be(EmulatorSetupOptions.DefaultStartTime.AddSeconds(20), "the clock jumped to the emulator's work and no further");
    }

    [Fact]
    public async Task EmulatorWork_BetweenAClientsWaits_NeitherMovesNorCountsAsTheClientsWait()
    {
        await using var emulator = await StartWithWebhooks();
        using var http = emulator.CreateClient();

        await emulator.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(http, "k", emulator.Clock).WaitForCompletionAsync("job_1"));

        PollInstants(emulator, "job_1").Should().Equal(0, 1, 3, 7, 15, 31);
        var completed = emulator.Webhooks.Received.Single(w => w.EventType == "document.processing.completed");
        completed.Json.GetProperty("createdAt").GetString().Should().Be("2025-01-01T00:00:20Z", "the webhook-worthy instant is the step's end, not the poll that saw it");
    }

    [Fact]
    public async Task ClientsAwaitingASignal_WithNothingScheduled_FailWithTheReason()
    {
        await using var emulator = await StartWith("job_1");
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var act = () => emulator.Clock.AdvanceUntilCompleteAsync(emulator.Clock.WaitAsync(never.Task));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("nothing is scheduled");
    }

    [Fact]
    public async Task WithLatency_OneClientsRequestsTakeTheirDelay_OnTheClock()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml("""
            version: 1
            dialect: docurift
            latency: 500ms
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, after: 20s }, { status: completed }]
            """));
        using var http = emulator.CreateClient();

        await emulator.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(http, "k", emulator.Clock).WaitForCompletionAsync("job_1"));

        // Each poll arrives 0.5 s after the previous answer's wait began: 0, then 0.5 + 1, 2 + 2, 4.5 + 4, 9 + 8, 17.5 + 16.
        PollInstants(emulator, "job_1").Should().Equal(0, 1.5, 4, 8.5, 17, 33.5);
    }

    [Fact]
    public async Task WithLatency_SeveralClients_EachWaitTheirOwnDelays()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml("""
            version: 1
            dialect: docurift
            jobs:
              - id: job_a
                latency: 1s
                lifecycle: [{ status: processing, after: 10s }, { status: completed }]
              - id: job_b
                lifecycle: [{ status: processing, after: 10s }, { status: completed }]
            """));
        using var http = emulator.CreateClient();
        var steady = new DocuRiftPoller(http, "k", emulator.Clock) { FirstDelay = TimeSpan.FromSeconds(3), Factor = 1 };

        await emulator.Clock.AdvanceUntilCompleteAsync(
        [
            () => steady.WaitForCompletionAsync("job_a"),
            () => steady.WaitForCompletionAsync("job_b"),
        ]);

        PollInstants(emulator, "job_a").Should().Equal(0, 4, 8, 12);
        PollInstants(emulator, "job_b").Should().Equal(0, 3, 6, 9, 12);
    }
}
