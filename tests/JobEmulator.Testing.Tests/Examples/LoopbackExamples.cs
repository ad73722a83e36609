using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Examples;

/// <summary>Loopback mode: Kestrel on 127.0.0.1 with a free port, for clients that need a URL.</summary>
public sealed class LoopbackExamples
{
    [Fact]
    public async Task BaseAddress_IsARealLoopbackUrl_AndTheFakeClockStillDrivesTheJob()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, "docurift", "slow-job.yaml"));
        });

        emulator.BaseAddress.Host.Should().Be("127.0.0.1");
        emulator.BaseAddress.Port.Should().BePositive();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var poller = new DocuRiftPoller(http, "sk_test", emulator.Clock);

        var job = await emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_slow0batch1"));

        job.Status.Should().Be("completed");
        emulator.Journal.Should().HaveBackedOff("job_slow0batch1").And.HaveStoppedPollingAfterTerminal("job_slow0batch1");
    }

    [Fact]
    public async Task RealClock_ForClientsThatSleepOnTheWallClock()
    {
        // With UseRealClock() lifecycles take real time, so script them by polls (or short 'after's).
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.UseRealClock();
            options.AddScenarioYaml("""
                dialect: docurift
                jobs:
                  - id: job_quick
                    lifecycle:
                      - { status: pending, polls: 1 }
                      - { status: processing, polls: 2 }
                      - { status: completed }
                """);
        });
        using var http = emulator.CreateClient();
        var poller = new DocuRiftPoller(http, "k", TimeProvider.System) { FirstDelay = TimeSpan.FromMilliseconds(5) };

        var job = await poller.WaitForCompletionAsync("job_quick", TestContext.Current.CancellationToken);

        job.Status.Should().Be("completed");
        emulator.Journal.Should().HavePolledExactly("job_quick", 4);
        var clock = () => emulator.Clock;
        clock.Should().Throw<InvalidOperationException>().WithMessage("*real clock*");
    }

    [Fact]
    public async Task UnknownPaths_AreAnsweredWithTheRouteList_AndJournalled()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.UseLoopback());
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync(new Uri("v2/jobs/oops", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("routes").EnumerateArray().Select(r => r.GetString()).Should().Contain("GET /v1/jobs/{id} (docurift)");
        emulator.Journal.Snapshot().Should().ContainSingle().Which.Outcome.Should().Be("no-route");
    }

    [Fact]
    public async Task CreateHandler_OnLoopback_AlsoTakesAnSdksOwnBaseAddressToTheEmulator()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.UseLoopback();
            options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, "docurift", "happy-path.yaml"));
        });
        using var sdkClient = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://api.docurift.example/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_abc123def456");
        request.Headers.Add("X-API-Key", "sk_test");

        using var response = await sdkClient.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        emulator.Journal.Should().HavePolledExactly("job_abc123def456", 1);
    }
}
