using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Every way a status poll can be answered, as the request log and the journal name it: the HTTP status, the
/// outcome word, the job id and credential recorded, and the wait before the answer.
/// </summary>
public sealed class StatusAnswerTests
{
    private const string Scenario = """
        dialect: docurift
        auth:
          keys: [k, other, { key: short_lived, expires_after: 1m }]
          tenants: true
        rate_limit: { requests: 3, per: 1m }
        latency:
          default: 7ms
        jobs:
          - id: job_plain
            lifecycle: [{ status: processing, after: 1h }, { status: completed }]
          - id: job_faulty
            faults:
              - { on: { poll: 1 }, respond: 503, retry_after: 4s }
              - { on: { poll: 2 }, network: reset }
              - { on: { poll: 3 }, network: malformed }
              - { on: { poll: 4 }, network: truncated }
            lifecycle: [{ status: completed }]
        submitted_jobs:
          lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void EachRefusal_IsJournaledWithItsStatusAndOutcome()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var submitted = emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).Body.GetProperty("data").GetProperty("id").GetString()!;
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));

        var answers = new[]
        {
            Poll(emulator, "job_plain", null),
            Poll(emulator, "job_plain", "nobody"),
            Poll(emulator, "", "k"),
            Poll(emulator, "job_missing", "k"),
            Poll(emulator, "job_plain", "short_lived"),
            Poll(emulator, submitted, "other"),
        };

        answers.Select(a => a.StatusCode).Should().Equal(401, 401, 400, 404, 401, 403);
        emulator.Journal().Select(e => (e.StatusCode, e.Outcome, e.JobId, e.Credential)).TakeLast(6).Should().Equal(
            (401, "missing-credentials", "job_plain", (string?)null),
            (401, "invalid-credentials", "job_plain", "nobody"),
            (400, "missing-id", (string?)null, "k"),
            (404, "not-found", "job_missing", "k"),
            (401, "expired-credentials", "job_plain", "short_lived"),
            (403, "forbidden", submitted, "other"));
    }

    [Fact]
    public void AKeyOnlyAnotherScenarioAccepts_IsRefused_AndAJobPastItsRetentionIsGone()
    {
        var emulator = EmulatorHarness.FromYamls([Scenario, """
            name: elsewhere
            dialect: docurift
            auth: { keys: [elsewhere_key] }
            retention: 1m
            jobs:
              - id: job_kept_briefly
                lifecycle: [{ status: completed }]
            """]);
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));

        var wrongScenario = Poll(emulator, "job_plain", "elsewhere_key");
        var expired = Poll(emulator, "job_kept_briefly", "elsewhere_key");

        wrongScenario.StatusCode.Should().Be(401);
        expired.StatusCode.Should().Be(404);
        emulator.Journal().Select(e => (e.StatusCode, e.Outcome)).Should().Equal((401, "invalid-credentials"), (404, "expired"));
    }

    [Fact]
    public void TheRateLimit_RefusesThePollPastIt_WithoutCountingIt()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answers = Enumerable.Range(0, 4).Select(_ => Poll(emulator, "job_plain", "k")).ToList();

        answers.Select(a => a.StatusCode).Should().Equal(200, 200, 200, 429);
        answers[3].Head.RetryAfterSeconds.Should().Be(60);
        answers[3].Head.RateLimit!.Value.Allowed.Should().BeFalse();
        answers[0].Head.RateLimit!.Value.Allowed.Should().BeTrue();
        emulator.Journal()[^1].Outcome.Should().Be("rate-limited");
        emulator.Journal()[^1].RetryAfter.Should().Be(TimeSpan.FromMinutes(1));
        Job(emulator, "job_plain").Requests.Should().Be(3, "a refused request is not a poll");
    }

    [Fact]
    public void Faults_AreAnsweredAsScripted_AndNamedInTheJournal()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answers = new List<Answer>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(Poll(emulator, "job_faulty", "k"));
            emulator.Clock.Advance(TimeSpan.FromMinutes(1)); // past the rate limit's window
        }


        answers.Select(a => a.StatusCode).Should().Equal(503, 0, 200, 200, 200);
        answers.Select(a => a.Head.Network).Should().Equal(null, NetworkFault.Reset, NetworkFault.Malformed, NetworkFault.Truncated, null);
        answers[0].Head.RetryAfterSeconds.Should().Be(4);
        answers[2].Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed", "the host cuts or garbles the body a normal answer carries");
        emulator.Journal().Select(e => e.Outcome).Should().Equal("scripted-fault", "network-reset", "network-malformed", "network-truncated", "completed");
        emulator.Journal().Select(e => e.Status).Should().Equal(null, null, null, null, JobStatus.Completed);
    }

    [Fact]
    public void AScriptedStatus_IsAnsweredInTheVendorsWordsForIt_500AndAboveAsServerErrors()
    {
        var emulator = EmulatorHarness.FromYaml("""
            version: 1
            dialect: symbl
            jobs:
              - id: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9
                faults:
                  - { on: { poll: 1 }, respond: 400 }
                  - { on: { poll: 2 }, respond: 499 }
                  - { on: { poll: 3 }, respond: 500 }
                  - { on: { poll: 4 }, respond: 501 }
                  - { on: { poll: 5 }, respond: 503 }
                lifecycle: [{ status: completed }]
            """);

        var messages = Enumerable.Range(0, 5).Select(_ => emulator.Poll("symbl", DialectRequests.For("symbl", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")).Body.GetProperty("message").GetString()).ToList();

        messages.Should().Equal("Bad Request", "Bad Request", "Internal Server Error", "Internal Server Error", "Service Unavailable");
    }

    [Fact]
    public void AnAnswer_WaitsTheStepsLatency_ElseTheScenariosStatusLatency_ElseItsDefault()
    {
        var stepLatency = EmulatorHarness.FromYaml("""
            dialect: docurift
            latency: { default: 7ms, status: 5ms }
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, after: 1h, latency: 3ms }, { status: completed }]
              - id: job_2
                lifecycle: [{ status: completed }]
            """);
        var defaultOnly = EmulatorHarness.FromYaml(Scenario);

        Poll(stepLatency, "job_1", "k").Head.Delay.Should().Be(TimeSpan.FromMilliseconds(3));
        Poll(stepLatency, "job_2", "k").Head.Delay.Should().Be(TimeSpan.FromMilliseconds(5));
        Poll(defaultOnly, "job_plain", "k").Head.Delay.Should().Be(TimeSpan.FromMilliseconds(7));
    }

    [Fact]
    public void AnAnswer_IsJournaledWithTheJobsStatus_AndItsProgress()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = Poll(emulator, "job_plain", "k");

        answer.Head.Status.Should().Be(JobStatus.Running);
        answer.Head.Progress.Should().Be(1);
        answer.Head.Outcome.Should().Be("processing");
        emulator.Journal()[^1].Should().Match<Core.Engine.JournalEntry>(e => e.Status == JobStatus.Running && e.Outcome == "processing" && e.JobId == "job_plain" && e.Credential == "k" && e.Operation == OperationKind.Status);
    }

    private static Core.Engine.JobRuntime Job(EmulatorHarness emulator, string id) =>
        emulator.Engine.FindJob(emulator.Engine.Dialects.Find("docurift")!, id)!;

    private static Answer Poll(EmulatorHarness emulator, string id, string? key)
    {
        var request = new FakeRequest { Path = "/v1/jobs/" + id }.Route("id", id);
        return emulator.Poll("docurift", key is null ? request : request.Header("X-API-Key", key));
    }
}
