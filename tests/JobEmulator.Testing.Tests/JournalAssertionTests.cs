using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace JobEmulator.Testing.Tests;

/// <summary>The journal assertions pass for a careful client and fail, with the timeline, for a careless one.</summary>
public sealed class JournalAssertionTests : IAsyncLifetime
{
    private JobEmulatorHost _emulator = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await JobEmulatorHost.StartAsync(options => options.AddScenario("docurift", scenario => scenario
            .AcceptingKeys("sk_live", "sk_old")
            .Job("job_1", job => job
                .Status("processing", polls: 3)
                .Completed()
                .Fault(onPoll: 2, respond: 429, retryAfter: TimeSpan.FromSeconds(5)))));
        _http = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    // A scripted client: poll job_1 after each wait (seconds on the emulator's clock), with the given key.
    private async Task PollAfter(string key, params double[] waits)
    {
        foreach (var wait in waits)
        {
            _emulator.Clock.Advance(TimeSpan.FromSeconds(wait));
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_1");
            request.Headers.Add("X-API-Key", key);
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }

    private Action Assert(Action<Assertions.JournalAssertions> assertion) => () => assertion(_emulator.Journal.Should());

    [Fact]
    public async Task ACarefulClient_PassesEveryCheck()
    {
        await PollAfter("sk_live", 0, 1, 5, 5, 10);

        _emulator.Journal.Should()
            .HavePolledExactly("job_1", 5)
            .And.HavePolledAtLeast("job_1", 5)
            .And.HavePolledAtMost("job_1", 5)
            .And.NotHavePolledFasterThan("job_1", TimeSpan.FromSeconds(1))
            .And.HaveBackedOff("job_1")
            .And.HaveHonouredRetryAfter()
            .And.HaveStoppedPollingAfterTerminal("job_1")
            .And.HaveUsedCredential("sk_live");
    }

    [Fact]
    public async Task AHammeringClient_FailsTheRateChecks_WithItsTimeline()
    {
        await PollAfter("sk_live", 0, 0.2, 0.2, 0.2);

        Assert(j => j.NotHavePolledFasterThan("job_1", TimeSpan.FromSeconds(1))).Should().Throw<XunitException>()
            .Which.Message.Should().Contain("Expected job job_1 never to be polled faster than every 1s")
            .And.Contain("3 times came sooner")
            .And.Contain("GET /v1/jobs/job_1  [sk_live]  -> 429 scripted-fault (Retry-After: 5s)")
            .And.Contain("<-- only 0.2s after #1");
        Assert(j => j.HavePolledAtMost("job_1", 2)).Should().Throw<XunitException>().WithMessage("Expected job job_1 to be polled at most 2 times, but it was polled 4 times:*");
        Assert(j => j.HavePolledAtLeast("job_1", 5, "the job needs {0} polls", 5)).Should().Throw<XunitException>().WithMessage("*at least 5 times because the job needs 5 polls, but it was polled 4 times*");
        Assert(j => j.HavePolledExactly("job_2", 1)).Should().Throw<XunitException>().WithMessage("*job_2*polled 0 times*(no requests)*");
    }

    [Fact]
    public async Task AClientThatIgnoresRetryAfter_Fails()
    {
        await PollAfter("sk_live", 0, 2, 1);

        Assert(j => j.HaveHonouredRetryAfter("job_1")).Should().Throw<XunitException>()
            .Which.Message.Should().Contain("to wait at least Retry-After")
            .And.Contain("<-- came 1s after #2, which said Retry-After: 5s");
    }

    [Fact]
    public async Task AClientThatDoesNotBackOff_Fails()
    {
        await PollAfter("sk_live", 0, 4, 5, 2);

        Assert(j => j.HaveBackedOff("job_1")).Should().Throw<XunitException>()
            .Which.Message.Should().Contain("growing intervals").And.Contain("waited 2s, less than the 4s before");
    }

    [Fact]
    public async Task AFixedInterval_IsNotABackOff()
    {
        await PollAfter("sk_live", 0, 1, 6, 1, 1);

        Assert(j => j.HaveBackedOff("job_1")).Should().Throw<XunitException>()
            .WithMessage("*but every wait was 1s: a fixed interval, not a back-off*");
    }

    [Fact]
    public async Task TooFewPolls_CannotShowABackOff()
    {
        await PollAfter("sk_live", 0, 1);

        Assert(j => j.HaveBackedOff("job_1")).Should().Throw<XunitException>().WithMessage("*polled only 2 times, too few to show a back-off*");
    }

    [Fact]
    public async Task AClientThatKeepsPollingAFinishedJob_Fails()
    {
        await PollAfter("sk_live", 0, 1, 5, 5, 10, 10, 10);

        Assert(j => j.HaveStoppedPollingAfterTerminal("job_1")).Should().Throw<XunitException>()
            .Which.Message.Should().Contain("but it polled 2 times more").And.Contain("<-- finished here").And.Contain("<-- polled after the job had finished");
    }

    [Fact]
    public async Task AJobThatNeverFinished_FailsTheStopCheck()
    {
        await PollAfter("sk_live", 0, 6);

        Assert(j => j.HaveStoppedPollingAfterTerminal("job_1")).Should().Throw<XunitException>().WithMessage("*no answer showed it completed or failed*");
    }

    [Fact]
    public async Task AClientUsingTheWrongKey_Fails_EvenWhenTheEmulatorAcceptsIt()
    {
        await PollAfter("sk_live", 0, 6);
        await PollAfter("sk_old", 6);

        Assert(j => j.HaveUsedCredential("sk_live", "job_1")).Should().Throw<XunitException>()
            .Which.Message.Should().Contain("[sk_old]  -> 200").And.Contain("<-- a different credential").And.Contain("but 1 time it did not");
        Assert(j => j.HaveUsedCredential("sk_live")).Should().Throw<XunitException>();
    }

    [Fact]
    public async Task BracesInIdsAndKeys_AreShownAsTheyAre()
    {
        _emulator.LoadScenarioYaml("dialect: docurift\nname: braces\njobs:\n  - id: \"job_{x}_{0}\"\n    lifecycle:\n      - status: completed\n");
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_%7Bx%7D_%7B0%7D");
        request.Headers.Add("X-API-Key", "sk_live");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert(j => j.HavePolledAtLeast("job_{x}_{0}", 2)).Should().Throw<XunitException>()
            .WithMessage("Expected job job_{x}_{0} to be polled at least 2 times, but it was polled 1 time:*GET /v1/jobs/job_{x}_{0}  [sk_live]*");
        Assert(j => j.HaveUsedCredential("{0}")).Should().Throw<XunitException>().WithMessage("*carry the credential [{0}]*");
    }

    [Fact]
    public void NoRequests_FailTheCredentialCheck()
    {
        Assert(j => j.HaveUsedCredential("sk_live")).Should().Throw<XunitException>().WithMessage("*there were no requests*");
    }

    [Fact]
    public async Task TheTimeline_ShowsClockTimesAndGaps()
    {
        await PollAfter("sk_live", 0, 1.5);

        var message = Assert(j => j.HavePolledAtLeast("job_1", 3)).Should().Throw<XunitException>().Which.Message;

        message.Should().Contain("2025-01-01 00:00:00.000").And.Contain("2025-01-01 00:00:01.500 +1.5s");
    }

    [Fact]
    public async Task ABoundedJournal_SaysWhatItDropped()
    {
        await using var small = await JobEmulatorHost.StartAsync(options =>
        {
            options.JournalCapacity = 2;
            options.AddScenario("docurift", s => s.Job("job_1", job => job.Status("processing", polls: 10).Completed()));
        });
        using var http = small.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "k");
        for (var i = 0; i < 5; i++)
        {
            using var _ = await http.GetAsync(new Uri("v1/jobs/job_1", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        small.Journal.Snapshot().Should().HaveCount(2);
        // Five polls happened: with three dropped, the journal can neither confirm nor deny "at least 5".
        var atLeast = () => small.Journal.Should().HavePolledAtLeast("job_1", 5);
        atLeast.Should().Throw<XunitException>().WithMessage("Cannot check this: the journal dropped its 3 oldest request(s), of any job (it keeps 2)*");

        // What the kept requests do show still fails as it should, saying what was dropped.
        var atMost = () => small.Journal.Should().HavePolledAtMost("job_1", 1);
        atMost.Should().Throw<XunitException>().WithMessage("Expected job job_1 to be polled at most 1 time, but it was polled 2 times:*(3 older request(s) were dropped: the journal keeps 2)");

        // Two requests kept would "prove" exactly two polls, or a clean stop: refuse rather than pass.
        var exactly = () => small.Journal.Should().HavePolledExactly("job_1", 2);
        exactly.Should().Throw<XunitException>().WithMessage("Cannot check this: the journal dropped its 3 oldest request(s)*");
        var exactlyFive = () => small.Journal.Should().HavePolledExactly("job_1", 5);
        exactlyFive.Should().Throw<XunitException>().WithMessage("Cannot check this*", "the true count may be five");
        var credential = () => small.Journal.Should().HaveUsedCredential("k");
        credential.Should().Throw<XunitException>().WithMessage("Cannot check this*");
        small.Journal.Should().HavePolledAtLeast("job_1", 2, "a lower bound holds whatever was dropped");
    }
}
