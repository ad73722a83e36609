using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// A definition's cancel operation: an unfinished job is cancelled (through the vendor's cancelling step, if it has
/// one), its change announced as any other; a finished one is refused with 409; the checks of a poll come first.
/// </summary>
public sealed class CancelTests
{
    private const string Definition = """
        kind: dialect
        name: acme
        status_words: { queued: queued, running: running, completed: done, failed: failed }
        credentials: [bearer]
        job_id: { route: id, new: "job_{{ fake.text(8, 'abcdefgh') }}" }
        operations:
          - { method: GET, route: "/acme/jobs/{id}", kind: status }
          - { method: POST, route: /acme/jobs, kind: submit, body: json, success: 201 }
          - { method: DELETE, route: "/acme/jobs/{id}", kind: cancel, success: 202 }
        job_fields:
          size: { kind: whole_number, default: "{{ fake.int(1, 1000) }}" }
        submission:
          fields:
            hook: { role: webhook_url }
        cancel:
          cancelling: { word: cancelling, after: 2s }
          cancelled: cancelled
          body: { id: "{{ job.id }}", cancelling: "{{ job.status_word == 'cancelling' }}" }
        bodies:
          status: { id: "{{ job.id }}", status: "{{ job.status_word }}", size: "{{ job.fields.size }}" }
        webhooks:
          events:
            - { type: job.started, from: queued, to: running, word: running }
            - { type: job.cancelled, word: [cancelled] }
            - { type: job.failed, to: failed }
            - { type: job.done, to: completed }
          event_id: "evt_{{ fake.uuid_hex }}"
          body: { type: "{{ event.type }}", status: "{{ job.status_word }}" }
        errors:
          body: { error: "{{ error.code }}", job: "{{ error.job_id }}" }
          kinds:
            default: { code: bad }
            conflict: { code: finished }
            job_not_found: { code: missing }
            missing_credentials, invalid_credentials: { code: who }
            rate_limited: { code: slow }
        """;

    private const string Jobs = """
        dialect: acme
        auth: { keys: [k] }
        jobs:
          - { id: job_queued, lifecycle: [{ status: queued, after: 10s }, { status: running, after: 10s }, { status: done }] }
          - { id: job_done, lifecycle: [{ status: done }] }
        submitted_jobs:
          lifecycle: [{ status: queued, after: 5s }, { status: running, after: 5s }, { status: done }]
        """;

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start(string definition = Definition, string jobs = Jobs)
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(definition, "acme.yaml");
        var set = ScenarioSet.Create([loader.LoadYaml(jobs, "jobs.yaml")], loader.Dialects);
        var receiver = new RecordingTransport();
        return (EmulatorHarness.FromSet(set, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static FakeRequest Job(string id, string key = "k") =>
        new FakeRequest { Method = "DELETE" }.Route("id", id).Header("Authorization", "Bearer " + key);

    // A delivery due at the clock's own instant (a cancel's) is sent off this thread: wait for it, bounded (10 s).
    private static Task Delivered(RecordingTransport receiver) =>
        receiver.FirstReceived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private static FakeRequest Submission() =>
        new FakeRequest { Method = "POST", Body = RequestBody.Read(new Dictionary<string, string> { ["hook"] = "http://127.0.0.1:9/h" }, []) }.Header("Authorization", "Bearer k");

    [Fact]
    public void AQueuedJob_IsCancelling_ThenCancelled_AndKeepsItsFields()
    {
        var (harness, _) = Start();
        var size = harness.Poll("acme", Job("job_queued")).Body.GetProperty("size").GetInt32();

        var answer = harness.Send("acme", OperationKind.Cancel, Job("job_queued"));

        answer.StatusCode.Should().Be(202);
        answer.Text.Should().Be("""{"id":"job_queued","cancelling":true}""");
        answer.Head.Outcome.Should().Be("cancelling");
        harness.Poll("acme", Job("job_queued")).Text.Should().Be($$"""{"id":"job_queued","status":"cancelling","size":{{size}}}""");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        var cancelled = harness.Poll("acme", Job("job_queued"));
        cancelled.Text.Should().Be($$"""{"id":"job_queued","status":"cancelled","size":{{size}}}""");
        cancelled.Head.Status.Should().Be(JobStatus.Failed, "a cancelled job is finished: the failed state, in the vendor's own word");
        harness.Engine.FindJob(harness.Engine.Dialects.Find("acme")!, "job_queued")!.Script.Lifecycle.Select(s => s.Word).Should().Equal(null, "cancelling", "cancelled");
    }

    [Fact]
    public void AFinishedJob_IsRefusedWith409_InTheConflictWords()
    {
        var (harness, _) = Start();

        var answer = harness.Send("acme", OperationKind.Cancel, Job("job_done"));

        answer.StatusCode.Should().Be(409);
        answer.Text.Should().Be("""{"error":"finished","job":"job_done"}""");
        answer.Head.Outcome.Should().Be("cancel-finished");
        harness.Poll("acme", Job("job_done")).Body.GetProperty("status").GetString().Should().Be("done");
    }

    [Fact]
    public void ACancelledJob_CannotBeCancelledAgain_OnceCancelled()
    {
        var (harness, _) = Start();
        harness.Send("acme", OperationKind.Cancel, Job("job_queued")).StatusCode.Should().Be(202);

        harness.Send("acme", OperationKind.Cancel, Job("job_queued")).StatusCode.Should().Be(202, "cancelling is not finished: the cancel is taken again");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));

        harness.Send("acme", OperationKind.Cancel, Job("job_queued")).StatusCode.Should().Be(409);
    }

    [Theory]
    [InlineData("job_nope", "k", 404, """{"error":"missing","job":"job_nope"}""")]
    [InlineData("job_queued", "stranger", 401, """{"error":"who","job":"job_queued"}""")]
    public void APollsChecks_ComeFirst(string id, string key, int status, string body)
    {
        var (harness, _) = Start();

        var answer = harness.Send("acme", OperationKind.Cancel, Job(id, key));

        answer.StatusCode.Should().Be(status);
        answer.Text.Should().Be(body);
        harness.Poll("acme", Job("job_queued")).Body.GetProperty("status").GetString().Should().Be("queued", "nothing was cancelled");
    }

    [Fact]
    public void TheRateLimit_CountsCancels()
    {
        var (harness, _) = Start(jobs: Jobs + "\nrate_limit: { requests: 1, per: 1m }\n");
        harness.Send("acme", OperationKind.Cancel, Job("job_queued")).StatusCode.Should().Be(202);

        var limited = harness.Send("acme", OperationKind.Cancel, Job("job_queued"));

        limited.StatusCode.Should().Be(429);
        limited.Head.RetryAfterSeconds.Should().BePositive();
    }

    [Fact]
    public async Task WithoutACancellingStep_TheJobIsCancelledAtOnce_AndItsEventIsNamedByItsWord()
    {
        var (harness, receiver) = Start(Definition.Replace("  cancelling: { word: cancelling, after: 2s }\n", string.Empty, StringComparison.Ordinal));
        var submitted = harness.Send("acme", OperationKind.Submit, Submission());
        var id = submitted.Body.GetProperty("id").GetString()!;

        harness.Send("acme", OperationKind.Cancel, Job(id)).Text.Should().Be($$"""{"id":"{{id}}","cancelling":false}""");
        await Delivered(receiver);

        receiver.Received.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("type").GetString()).Should().Equal(["job.cancelled"], "the first rule that fits names the event; a cancelled job is not job.failed");
    }

    [Fact]
    public async Task ACancellingStep_IsAnnounced_ByItsOwnRule_NotAsAStart()
    {
        var (harness, receiver) = Start();
        var id = harness.Send("acme", OperationKind.Submit, Submission())
            .Body.GetProperty("id").GetString()!;

        harness.Send("acme", OperationKind.Cancel, Job(id));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await Delivered(receiver);

        receiver.Received.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("status").GetString()).Should().Equal(["cancelled"], "queued → cancelling fits no rule (job.started wants the word running)");
    }

    [Fact]
    public void ACancellingStepByPolls_LastsThatManyPolls()
    {
        var (harness, _) = Start(Definition.Replace("cancelling: { word: cancelling, after: 2s }", "cancelling: { word: cancelling, polls: 2 }", StringComparison.Ordinal));
        harness.Send("acme", OperationKind.Cancel, Job("job_queued"));

        harness.Poll("acme", Job("job_queued")).Body.GetProperty("status").GetString().Should().Be("cancelling");
        harness.Poll("acme", Job("job_queued")).Body.GetProperty("status").GetString().Should().Be("cancelling");
        harness.Poll("acme", Job("job_queued")).Body.GetProperty("status").GetString().Should().Be("cancelled");
    }

    [Fact]
    public void WithoutABody_TheAnswerIsTheStatusBody()
    {
        var (harness, _) = Start(Definition.Replace("  body: { id: \"{{ job.id }}\", cancelling: \"{{ job.status_word == 'cancelling' }}\" }\n", string.Empty, StringComparison.Ordinal));

        harness.Send("acme", OperationKind.Cancel, Job("job_queued")).Body.GetProperty("status").GetString().Should().Be("cancelling");
    }

    [Theory]
    [InlineData("cancel:\n  cancelling: { word: cancelling, after: 2s }\n  cancelled: cancelled\n  body: { id: \"{{ job.id }}\", cancelling: \"{{ job.status_word == 'cancelling' }}\" }\n", "",
        "acme.yaml:7:3: an operation of kind 'cancel' needs 'cancel' (at the top level): the word of a cancelled job, and of a cancelling one if the vendor has that step")]
    [InlineData("  - { method: DELETE, route: \"/acme/jobs/{id}\", kind: cancel, success: 202 }\n", "",
        "acme.yaml:15:3: 'cancel' is used by an operation of kind 'cancel', and there is none in 'operations'")]
    [InlineData("word: cancelling, after: 2s", "word: cancelling",
        "acme.yaml:16:15: 'cancel.cancelling' says how long a job stays cancelling: 'after' (a duration, such as 2s) or 'polls' (a count), or both")]
    [InlineData("  cancelled: cancelled\n", "", "acme.yaml:16:3: 'cancel' needs 'cancelled'")]
    [InlineData("word: [cancelled]", "word: []", "acme.yaml:24:36: 'word' lists no word; leave it out for an event whatever the word")]
    [InlineData("body: { id:", "bodie: { id:", "acme.yaml:18:3: unknown key 'bodie' in 'cancel'; expected one of: cancelling, cancelled, body")]
    [InlineData("polls", "polls", "")]
    public void ABrokenCancel_IsRefusedAtItsLine(string find, string replace, string expected)
    {
        var act = () => DialectDefinitions.Load(Definition.Replace(find, replace, StringComparison.Ordinal), "acme.yaml");

        if (expected.Length == 0)
        {
            act.Should().NotThrow();
            return;
        }

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void CancelSteps_EndInATerminalStep()
    {
        var job = new JobRuntime(new JobScript("j", [new LifecycleStep(JobStatus.Running, null, null, null, null, null), new LifecycleStep(JobStatus.Completed, null, null, null, null, null)], [], [], null, new Yaml.SourcePosition(1, 1)),
            new ScenarioLoader().LoadYaml("dialect: waveline\n"), EmulatorHarness.DocumentTime);

        job.Invoking(j => j.Cancel(EmulatorHarness.DocumentTime, [])).Should().Throw<ArgumentException>();
        job.Invoking(j => j.Cancel(EmulatorHarness.DocumentTime, [new LifecycleStep(JobStatus.Running, 1, null, null, null, null)])).Should().Throw<ArgumentException>();
        job.Cancel(EmulatorHarness.DocumentTime, [new LifecycleStep(JobStatus.Failed, null, null, null, null, null, "cancelled")]).Should().BeTrue();
        job.Peek(EmulatorHarness.DocumentTime).WordText.Should().Be("cancelled");
    }
}
