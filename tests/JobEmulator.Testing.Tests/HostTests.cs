using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Examples;
using Xunit;

namespace JobEmulator.Testing.Tests;

/// <summary>Start-up, reset and the clock driver of <see cref="JobEmulatorHost"/>.</summary>
public sealed class HostTests
{
    private const string TwoJobs = """
        dialect: docurift
        jobs:
          - id: job_1
            lifecycle:
              - { status: processing, after: 1m }
              - { status: completed }
          - id: job_stuck
            lifecycle:
              - { status: processing, after: 3650d }
              - { status: completed }
        """;

    [Theory]
    [InlineData(JobEmulatorMode.InMemory)]
    [InlineData(JobEmulatorMode.Loopback)]
    public async Task WebhookLimits_ReachTheEngine_InEitherMode(JobEmulatorMode mode)
    {
        var limits = new Core.Webhooks.WebhookLimits(3, 2, 50);

        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.WebhookLimits = limits;
            if (mode == JobEmulatorMode.Loopback)
            {
                options.UseLoopback();
            }
        });

        emulator.Engine.Options.WebhookLimits.Should().Be(limits);
    }

    [Fact]
    public async Task StartAsync_WithABrokenScenarioFile_FailsWithFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobemu-broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "dialect: docurift\njobs:\n  - id: job_1\n    lifecycle:\n      - status: finished\n", TestContext.Current.CancellationToken);
        try
        {
            var start = () => JobEmulatorHost.StartAsync(options => options.AddScenarioFile(path));

            (await start.Should().ThrowAsync<ScenarioValidationException>())
                .WithMessage($"*{path}:5:17: unknown status 'finished'*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_ReportsEveryBrokenSourceAtOnce()
    {
        var start = () => JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioYaml("dialect: nope\njobs: []\n", "first.yaml");
            options.AddScenarioYaml("dialect: docurift\njobs:\n  - lifecycle: []\n", "second.yaml");
        });

        var error = (await start.Should().ThrowAsync<ScenarioValidationException>()).Which;
        error.Errors.Select(e => e.Source).Should().Contain(["first.yaml", "second.yaml"]);
    }

    [Fact]
    public async Task Fixture_WithABrokenScenario_FailsToStartWithTheCause()
    {
        var fixture = new BrokenFixture();

        var start = async () => await fixture.InitializeAsync();

        (await start.Should().ThrowAsync<ScenarioValidationException>()).WithMessage("*fixture.yaml:1:10: unknown dialect 'acme'*");
        var use = () => fixture.Emulator;
        use.Should().Throw<InvalidOperationException>().WithMessage("*not running*");
    }

    [Fact]
    public async Task ResetAsync_RestoresClockScenariosJobsAndJournal()
    {
        var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.StartTime = start;
            options.AddScenarioYaml(TwoJobs);
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "k");
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        (await StatusOf(http, "job_1")).Should().Be("completed");
        emulator.LoadScenarioYaml("dialect: docurift\nname: extra\njobs:\n  - id: job_extra\n    lifecycle:\n      - status: completed\n");
        (await StatusOf(http, "job_extra")).Should().Be("completed");

        await emulator.ResetAsync();

        emulator.Clock.GetUtcNow().Should().Be(start);
        emulator.Journal.Snapshot().Should().BeEmpty();
        (await StatusOf(http, "job_1")).Should().Be("processing");
        using var gone = await http.GetAsync(new Uri("v1/jobs/job_extra", UriKind.Relative), TestContext.Current.CancellationToken);
        gone.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        emulator.Scenarios().Should().HaveCount(1);
    }

    [Fact]
    public async Task LoadScenario_WithATakenId_IsRefused()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(TwoJobs, "two.yaml"));

        var load = () => emulator.LoadScenario(new ScenarioBuilder("docurift").Named("again").Job("job_1", job => job.Completed()));

        load.Should().Throw<ScenarioValidationException>().WithMessage("*job id 'job_1' is already used*two.yaml*");
    }

    [Fact]
    public async Task AdvanceUntilComplete_StopsAtItsLimit()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(TwoJobs));
        using var http = emulator.CreateClient();
        var poller = new DocuRiftPoller(http, "k", emulator.Clock);

        var wait = () => emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_stuck"), limit: TimeSpan.FromHours(1));

        (await wait.Should().ThrowAsync<TimeoutException>()).WithMessage("*not completed after 01:00:00 on the emulator's clock*");
    }

    [Fact]
    public async Task AdvanceUntilComplete_NamesAClientThatSleepsOnTheWallClock()
    {
        await using var emulator = await JobEmulatorHost.StartAsync();
        using var never = new CancellationTokenSource();

        var wait = () => emulator.Clock.AdvanceUntilCompleteAsync(Task.Delay(Timeout.Infinite, never.Token), idleTimeout: TimeSpan.FromMilliseconds(200));

        (await wait.Should().ThrowAsync<TimeoutException>()).WithMessage("*neither completed nor started a wait on the emulator's clock*UseRealClock()*");
        await never.CancelAsync();
    }

    [Fact]
    public async Task AdvanceUntilComplete_RethrowsTheClientsFailure()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(TwoJobs));
        using var http = emulator.CreateClient();
        var poller = new DocuRiftPoller(http, "k", emulator.Clock);

        var wait = () => emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_missing"));

        (await wait.Should().ThrowAsync<HttpRequestException>()).WithMessage("DocuRift answered 404*");
    }

    [Fact]
    public async Task TheClock_TracksTimersTheClientArms()
    {
        await using var emulator = await JobEmulatorHost.StartAsync();
        using var cancel = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromMinutes(5), emulator.Clock, cancel.Token);
        emulator.Clock.PendingTimers.Should().Be(1);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        await delay;

        emulator.Clock.PendingTimers.Should().Be(0);
    }

    private static async Task<string> StatusOf(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<JsonElement>("v1/jobs/" + id, TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("status").GetString()!;

    private sealed class BrokenFixture() : JobEmulatorFixture(options => options.AddScenarioYaml("dialect: acme\njobs: []\n", "fixture.yaml"));
}

internal static class HostExtensions
{
    public static IReadOnlyList<Scenario> Scenarios(this JobEmulatorHost emulator) => emulator.Engine.Scenarios.Scenarios;
}
