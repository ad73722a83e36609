using System.Net.Http.Json;
// begin-snippet: first-test-usings
using FluentAssertions;
using JobEmulator.Testing;                 // JobEmulatorHost (JobEmulator.Testing), Journal.Should() (JobEmulator.FluentAssertions)
// end-snippet
using Xunit;

namespace JobEmulator.Examples;

/// <summary>The default mode: in memory through TestServer, on a fake clock the test owns.</summary>
public sealed class InMemoryExamples
{
    private const string SlowJob = "scenarios/docurift/slow-job.yaml";

    [Fact]
    public async Task ATwentyMinuteJob_CompletesInSimulatedTime_AndTheJournalShowsHowTheClientPolled()
    {
        // begin-snippet: first-test
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
            options.AddScenarioFile("scenarios/docurift/slow-job.yaml"));
        using var http = emulator.CreateClient();                              // in memory: no port, no socket
        var poller = new DocuRiftPoller(http, "sk_test", emulator.Clock);      // your client, given the emulator's clock

        var job = await emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_slow0batch1"));

        job.Status.Should().Be("completed");
        emulator.Journal.Should()
            .NotHavePolledFasterThan("job_slow0batch1", TimeSpan.FromSeconds(1))
            .And.HaveBackedOff("job_slow0batch1")
            .And.HaveStoppedPollingAfterTerminal("job_slow0batch1")
            .And.HaveUsedCredential("sk_test");
        // end-snippet

        job.Data.GetProperty("completedAt").GetString().Should().Be("2025-01-01T00:20:00Z");
        (emulator.Clock.GetUtcNow() - EmulatorSetupOptions.DefaultStartTime).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(20));
        emulator.Journal.Should().HavePolledAtLeast("job_slow0batch1", 10).And.HavePolledAtMost("job_slow0batch1", 40);
    }

    [Fact]
    public async Task RateLimitsAndOutages_AreWaitedOut_ForAsLongAsRetryAfterSays()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            // begin-snippet: scenario-sources
            options.AddScenarioFile("scenarios/docurift");             // a file, or every *.yaml under a folder
            options.AddScenarioYaml("""
                dialect: docurift
                jobs:
                  - id: job_quick
                    lifecycle:
                      - { status: pending, polls: 1 }
                      - { status: completed }
                """);
            options.AddScenario("docurift", scenario => scenario      // the builder reads like the YAML
                .AcceptingKeys("sk_test")
                .Job("job_flaky", job => job
                    .Status("processing", after: TimeSpan.FromMinutes(2))
                    .Completed("""{"extractedFields": {"invoiceNumber": "INV-7"}, "confidence": 0.9}""")
                    .Fault(onPoll: 2, respond: 429, retryAfter: TimeSpan.FromSeconds(30))
                    .Fault(onPoll: 4, respond: 503, retryAfter: TimeSpan.FromSeconds(10))));
            // end-snippet
        });
        using var http = emulator.CreateClient();
        var poller = new DocuRiftPoller(http, "sk_test", emulator.Clock);

        var job = await emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_flaky"));

        job.Data.GetProperty("result").GetProperty("extractedFields").GetProperty("invoiceNumber").GetString().Should().Be("INV-7");
        var answers = emulator.Journal.Snapshot().Select(e => e.StatusCode).ToList();
        answers.Should().StartWith([200, 429, 200, 503]);
        emulator.Engine.Job("docurift", "job_quick").Should().NotBeNull("the YAML string's job is loaded beside the others");

        // begin-snippet: journal-assertions
        emulator.Journal.Should()
            .HaveHonouredRetryAfter("job_flaky")
            .And.HaveStoppedPollingAfterTerminal("job_flaky")
            .And.HaveUsedCredential("sk_test");
        // end-snippet
    }

    [Fact]
    public async Task CreateHandler_ServesAnSdkThatBuildsItsOwnHttpClient()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioFile(SlowJob));

        // An SDK that insists on its own base address still reaches the in-memory emulator through the handler.
        using var sdkClient = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://api.docurift.example/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_slow0batch1");
        request.Headers.Add("X-API-Key", "sk_test");
        using var response = await sdkClient.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        emulator.Mode.Should().Be(JobEmulatorMode.InMemory);
        emulator.Journal.Should().HavePolledExactly("job_slow0batch1", 1);
    }

    [Fact]
    public async Task Advance_MovesLifecyclesByHand()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioFile(SlowJob));
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_test");

        async Task<string> Status() => (await http.GetFromJsonAsync<System.Text.Json.JsonElement>("v1/jobs/job_slow0batch1", TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("status").GetString()!;

        (await Status()).Should().Be("pending");
        emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Status()).Should().Be("processing");
        emulator.Clock.Advance(TimeSpan.FromMinutes(19.5));
        (await Status()).Should().Be("completed");
    }

    [Fact]
    public async Task Advance_MovesRetention_TooAndAFinishedJobExpiresTo404()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
            options.AddScenarioFile("scenarios/docurift/auth-and-not-found.yaml"));
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "frc_test_key");
        var poller = new DocuRiftPoller(http, "frc_test_key", emulator.Clock);
        await emulator.Clock.AdvanceUntilCompleteAsync(poller.WaitForCompletionAsync("job_private0001"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(59));
        using var kept = await http.GetAsync(new Uri("v1/jobs/job_private0001", UriKind.Relative));
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await http.GetAsync(new Uri("v1/jobs/job_private0001", UriKind.Relative));

        kept.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        expired.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        emulator.Journal.Snapshot()[^1].Outcome.Should().Be("expired");
    }
}
