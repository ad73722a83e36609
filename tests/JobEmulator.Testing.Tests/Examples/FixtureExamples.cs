using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using Xunit;

namespace JobEmulator.Examples;

// begin-snippet: fixture
public sealed class DocuRiftEmulator : JobEmulatorFixture       // one emulator for the whole class
{
    protected override void Configure(JobEmulatorHostOptions options) =>
        options.AddScenarioFile("scenarios/docurift");
}

public sealed class FixtureExamples(DocuRiftEmulator fixture) : IClassFixture<DocuRiftEmulator>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await fixture.ResetAsync();   // a clean emulator per test
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task HappyPath()
    {
        using var http = fixture.CreateClient();
        var poller = new DocuRiftPoller(http, "sk_test", fixture.Clock);
        var job = await fixture.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_abc123def456"));
        job.Status.Should().Be("completed");
    }
}
// end-snippet

/// <summary>Reset before each test, so tests never depend on each other's polls or clock.</summary>
public sealed class FixtureResetExamples(DocuRiftEmulator fixture) : IClassFixture<DocuRiftEmulator>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task HappyPath_StopsPollingAndKeepsItsKey()
    {
        using var http = fixture.CreateClient();
        var poller = new DocuRiftPoller(http, "sk_test", fixture.Clock);

        var job = await fixture.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_abc123def456"));

        job.Status.Should().Be("completed");
        fixture.Journal.Should().HaveStoppedPollingAfterTerminal("job_abc123def456").And.HaveUsedCredential("sk_test");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task EveryTest_StartsFromTheSameClockJobsAndJournal(int _)
    {
        // Whichever test runs first, the reset gives this one a job that has never been polled.
        fixture.Journal.Snapshot().Should().BeEmpty();
        fixture.Clock.GetUtcNow().Should().Be(EmulatorSetupOptions.DefaultStartTime);
        using var http = fixture.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_test");

        var first = await http.GetFromJsonAsync<JsonElement>("v1/jobs/job_abc123def456", TestContext.Current.CancellationToken);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        fixture.Emulator.LoadScenario(new Core.Scenarios.ScenarioBuilder("docurift").Named("per-test").Job("job_per_test", job => job.Completed()));

        first.GetProperty("data").GetProperty("status").GetString().Should().Be("pending");
        fixture.Emulator.Engine.JobCount.Should().BeGreaterThan(1);
    }
}

/// <summary>Two emulators with the same job id: each test class sees only its own.</summary>
public sealed class TeamAEmulator() : JobEmulatorFixture(options =>
    options.AddScenario("docurift", scenario => scenario.Job("job_shared", job => job.Completed("""{"team": "A"}"""))));

/// <summary>The other team's emulator (see <see cref="TeamAEmulator"/>).</summary>
public sealed class TeamBEmulator() : JobEmulatorFixture(options =>
    options.AddScenario("docurift", scenario => scenario.Job("job_shared", job => job.Completed("""{"team": "B"}"""))));

public sealed class TeamATests(TeamAEmulator emulator) : IClassFixture<TeamAEmulator>
{
    [Fact]
    public async Task SeesOnlyItsOwnJob() => await IsolationCheck.SeesOnly(emulator.Emulator, "A");
}

public sealed class TeamBTests(TeamBEmulator emulator) : IClassFixture<TeamBEmulator>
{
    [Fact]
    public async Task SeesOnlyItsOwnJob() => await IsolationCheck.SeesOnly(emulator.Emulator, "B");
}

public sealed class ParallelEmulatorTests
{
    [Fact]
    public async Task TwoEmulatorsPolledAtOnce_NeverShareJobsClocksOrJournals()
    {
        await using var a = await JobEmulatorHost.StartAsync(options => options.AddScenario("docurift", s => s.Job("job_shared", job => job.Status("processing", after: TimeSpan.FromMinutes(5)).Completed("""{"team": "A"}"""))));
        await using var b = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.AddScenario("docurift", s => s.Job("job_shared", job => job.Status("processing", after: TimeSpan.FromMinutes(50)).Completed("""{"team": "B"}""")));
        });
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();

        var jobs = await Task.WhenAll(
            a.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(httpA, "key-a", a.Clock).WaitForCompletionAsync("job_shared")),
            b.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(httpB, "key-b", b.Clock).WaitForCompletionAsync("job_shared")));

        jobs.Select(j => j.Data.GetProperty("result").GetProperty("team").GetString()).Should().Equal("A", "B");
        (a.Clock.GetUtcNow() - EmulatorSetupOptions.DefaultStartTime).Should().BeLessThan(TimeSpan.FromMinutes(10));
        (b.Clock.GetUtcNow() - EmulatorSetupOptions.DefaultStartTime).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(50));
        a.Journal.Should().HaveUsedCredential("key-a");
        b.Journal.Should().HaveUsedCredential("key-b");
    }
}

internal static class IsolationCheck
{
    public static async Task SeesOnly(JobEmulatorHost emulator, string team)
    {
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "team-" + team);

        var body = await http.GetFromJsonAsync<JsonElement>("v1/jobs/job_shared", TestContext.Current.CancellationToken);

        body.GetProperty("data").GetProperty("result").GetProperty("team").GetString().Should().Be(team);
        emulator.Journal.Should().HaveUsedCredential("team-" + team);
    }
}
