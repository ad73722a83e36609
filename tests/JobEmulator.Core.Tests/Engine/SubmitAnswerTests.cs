using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Every way a submission can be answered, as the client, the request log and the journal see it: the HTTP
/// status, the outcome word, the credential, <c>Retry-After</c>, and no job made when it is refused.
/// </summary>
public sealed class SubmitAnswerTests
{
    private const string Scenario = """
        dialect: docurift
        auth:
          keys: [k, { key: brief, expires_after: 1m }]
        submitted_jobs:
          lifecycle: [{ status: processing, after: 30s }, { status: completed }]
          faults:
            - { on: { submission: 2 }, respond: 503, retry_after: 2s }
            - { on: { submission: 3 }, network: reset }
            - { on: { submission: 4 }, network: truncated }
        """;

    [Fact]
    public void EachRefusalBeforeTheEngine_IsJournaledWithItsStatusAndOutcome_AndMakesNoJob()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        FakeRequest Body(RequestBody body) => new FakeRequest { Method = "POST", Path = "/v1/documents/process/async", Body = body }.Header("X-API-Key", "k");

        var answers = new[]
        {
            Submit(emulator, new FakeRequest { Method = "POST", Body = RequestBody.Empty }),
            Submit(emulator, DocuRiftUploads.Submit("nobody")),
            Submit(emulator, Body(RequestBody.Refused(BodyReadStatus.TooLarge, "The body is over 50 MB."))),
            Submit(emulator, Body(RequestBody.Refused(BodyReadStatus.Malformed, "The multipart body is malformed."))),
            Submit(emulator, Body(RequestBody.Read(new Dictionary<string, string>(), []))),
            Submit(emulator, DocuRiftUploads.Submit("brief")),
        };

        answers.Select(a => a.StatusCode).Should().Equal(401, 401, 413, 400, 400, 401);
        answers[3].Body.GetProperty("error").GetProperty("message").GetString().Should().Be("The multipart body is malformed.");
        emulator.Journal().Select(e => (e.StatusCode, e.Outcome, e.Credential)).Should().Equal(
            (401, "missing-credentials", (string?)null), (401, "invalid-credentials", "nobody"), (413, "too-large", "k"),
            (400, "malformed", "k"), (400, "invalid-submission", "k"), (401, "expired-credentials", "brief"));
        emulator.Engine.JobsOf(emulator.Engine.Dialects.Find("docurift")!).Should().BeEmpty();
    }

    [Fact]
    public void ScriptedFaultsAndTheConcurrentJobLimit_AreAnsweredAsScripted_AndJournaled()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answers = Enumerable.Range(0, 5).Select(_ => Submit(emulator, DocuRiftUploads.Submit("k"))).ToList();
        var limited = EmulatorHarness.FromYaml("""
            dialect: docurift
            limits: { concurrent_jobs: 1 }
            submitted_jobs:
              lifecycle: [{ status: processing, after: 30s }, { status: completed }]
            """);
        var first = Submit(limited, DocuRiftUploads.Submit("k"));
        limited.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = Submit(limited, DocuRiftUploads.Submit("k"));

        answers.Select(a => a.StatusCode).Should().Equal(202, 503, 0, 200, 202);
        answers.Select(a => a.Head.Network).Should().Equal(null, null, NetworkFault.Reset, NetworkFault.Truncated, null);
        answers[1].Head.RetryAfterSeconds.Should().Be(2);
        emulator.Journal().Select(e => e.Outcome).Should().Equal("processing", "scripted-fault", "network-reset", "network-truncated", "processing");
        emulator.Journal()[0].Status.Should().Be(JobStatus.Running);
        emulator.Journal()[0].JobId.Should().NotBeNull();
        (first.StatusCode, second.StatusCode).Should().Be((202, 429));
        second.Head.RetryAfterSeconds.Should().Be(20, "the one job running ends 20 s later");
        limited.Journal()[^1].Outcome.Should().Be("concurrent-jobs");
    }

    private static Answer Submit(EmulatorHarness emulator, FakeRequest request) =>
        emulator.Send("docurift", OperationKind.Submit, request);
}
