using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Lifecycle steps: statuses, words, endings, progress, results and errors, as read and as polled.</summary>
public sealed class ScenarioStepReadingTests
{
    private const string Steps = "dialect: docurift\njobs:\n  - lifecycle:\n      - ";

    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static IReadOnlyList<LifecycleStep> Lifecycle(string steps) =>
        new ScenarioLoader().LoadYaml(Steps + steps, "s.yaml").Jobs[0].Lifecycle;

    [Theory]
    [InlineData("lifecycle not a list", "dialect: docurift\njobs:\n  - { lifecycle: { status: completed } }\n", "s.yaml:3:18: the lifecycle of job 1 must be a list ('- item' lines or [a, b]); found a mapping")]
    [InlineData("step not a mapping", "dialect: docurift\njobs:\n  - { lifecycle: [completed] }\n", "s.yaml:3:19: step 1 must be a mapping (key: value lines); found 'completed'")]
    [InlineData("step unknown key", Steps + "{ status: completed, state: done }\n", "s.yaml:4:30: unknown key 'state' in step 1; expected one of: status, word, polls, after, progress, latency, result, error")]
    [InlineData("step without status", Steps + "{ polls: 1 }\n      - { status: completed }\n", "s.yaml:4:9: step 1 needs 'status'")]
    [InlineData("second step without status", Steps + "{ status: pending, polls: 1 }\n      - { result: {} }\n", "s.yaml:5:9: step 2 needs 'status'")]
    [InlineData("status not text", Steps + "{ status: [completed] }\n", "s.yaml:4:19: 'status' must be non-empty text; found a list")]
    [InlineData("terminal step with polls", Steps + "{ status: completed, polls: 1 }\n", "s.yaml:4:37: the terminal step 'completed' never ends; remove 'polls' and 'after' from it")]
    [InlineData("terminal step with after", Steps + "{ status: failed, after: 1s }\n", "s.yaml:4:34: the terminal step 'failed' never ends; remove 'polls' and 'after' from it")]
    [InlineData("terminal step with both", Steps + "{ status: completed, after: 1s, polls: 1 }\n", "s.yaml:4:48: the terminal step 'completed' never ends; remove 'polls' and 'after' from it")]
    [InlineData("polls zero", Steps + "{ status: pending, polls: 0 }\n      - { status: completed }\n", "s.yaml:4:35: 'polls' must be between 1 and 1000000; found 0")]
    [InlineData("word not text", Steps + "{ status: completed, word: [Done] }\n", "s.yaml:4:36: 'word' (the exact status word the service sends, such as \"In Progress\") must be non-empty text; found a list")]
    [InlineData("word with a line break", Steps + "{ status: completed, word: \"Done\\nNow\" }\n", "s.yaml:4:36: 'word' (the exact status word the service sends, such as \"In Progress\") must be one line of at most 64 characters")]
    [InlineData("progress empty", Steps + "{ status: processing, polls: 2, progress: [] }\n      - { status: completed }\n", "s.yaml:4:51: 'progress' (a percentage 0-100, or a list of them, one per poll) must not be an empty list")]
    [InlineData("progress single out of range", Steps + "{ status: processing, polls: 2, progress: 101 }\n      - { status: completed }\n", "s.yaml:4:51: 'progress' (a percentage 0-100, or a list of them, one per poll) must be between 0 and 100; found 101")]
    [InlineData("progress partly wrong", Steps + "{ status: processing, polls: 1, progress: [10, 20, x] }\n      - { status: completed }\n", "s.yaml:4:60: 'progress' (a percentage 0-100, or a list of them, one per poll) must be a whole number; found 'x'")]
    [InlineData("progress on a completed step, also wrong", Steps + "{ status: completed, progress: x }\n", "s.yaml:4:40: 'progress' (a percentage 0-100, or a list of them, one per poll) must be a whole number; found 'x'", "s.yaml:4:40: a completed job always shows progress 100; remove 'progress' from this step")]
    [InlineData("result on a running step", Steps + "{ status: processing, polls: 1, result: { a: 1 } }\n      - { status: completed }\n", "s.yaml:4:49: 'result' belongs on the completed step; this step is running")]
    [InlineData("error on a completed step", Steps + "{ status: completed, error: broken }\n", "s.yaml:4:37: 'error' belongs on the failed step; this step is completed")]
    [InlineData("error null", Steps + "{ status: failed, error: ~ }\n", "s.yaml:4:34: 'error' must be non-empty text; found null")]
    [InlineData("error a list", Steps + "{ status: failed, error: [broken] }\n", "s.yaml:4:34: 'error' (a message, or code/message/details) must be a mapping (key: value lines); found a list")]
    [InlineData("error unknown key", Steps + "{ status: failed, error: { reason: x } }\n", "s.yaml:4:36: unknown key 'reason' in 'error'; expected one of: code, message, details")]
    [InlineData("error code not text", Steps + "{ status: failed, error: { code: [A] } }\n", "s.yaml:4:42: 'error.code' must be non-empty text; found a list")]
    [InlineData("error message not text", Steps + "{ status: failed, error: { message: ~ } }\n", "s.yaml:4:45: 'error.message' must be non-empty text; found null")]
    [InlineData("error details not a mapping", Steps + "{ status: failed, error: { details: x } }\n", "s.yaml:4:45: 'error.details' must be a mapping (key: value lines); found 'x'")]
    [InlineData("step latency", Steps + "{ status: pending, polls: 1, latency: 11m }\n      - { status: completed }\n", "s.yaml:4:47: the latency of step 1 may be at most 10m; script a longer wait as a step's 'after'")]
    public void LoadYaml_BadStep_IsReportedWhereItIsWritten(string kind, string yaml, params string[] expected)
    {
        Errors(yaml).Should().Equal(expected, kind);
    }

    [Fact]
    public void LoadYaml_ErrorDetailsPastTenThousandValues_AreRefusedByName()
    {
        var yaml = Steps + "{ status: failed, error: { details: { codes: [" + string.Join(", ", Enumerable.Repeat("1", 10_001)) + "] } } }\n";

        // Reported at the value that passed the cap.
        Errors(yaml).Should().ContainSingle().Which.Should().MatchRegex(@"^s\.yaml:4:\d+: 'error\.details' is too large \(more than 64 levels or 10000 values, counting what aliases repeat\)$");
    }

    [Fact]
    public void LoadYaml_WordOfSixtyFourCharacters_IsTheLongestKept()
    {
        var word = new string('w', 64);

        Lifecycle($"{{ status: completed, word: {word} }}\n")[0].Word.Should().Be(word);
        Errors(Steps + $"{{ status: completed, word: {word}w }}\n").Should().Equal("s.yaml:4:36: 'word' (the exact status word the service sends, such as \"In Progress\") must be one line of at most 64 characters");
    }

    [Fact]
    public void LoadYaml_ProgressAsManyAsThePolls_AndASingleValue_AreKept()
    {
        var steps = Lifecycle("{ status: pending, polls: 2, progress: [0, 100] }\n      - { status: processing, polls: 3, progress: 40 }\n      - { status: processing, after: 1s, progress: [1, 2, 3, 4] }\n      - { status: completed }\n");

        steps.Select(s => s.Progress).Should().BeEquivalentTo(new[] { [0, 100], [40], new[] { 1, 2, 3, 4 }, null }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Poll_AScriptedWord_IsTheStatusTheClientSees()
    {
        var harness = EmulatorHarness.FromYaml("dialect: docurift\njobs:\n  - id: job_1\n    lifecycle:\n      - { status: processing, polls: 1, word: In Progress }\n      - { status: completed, word: Done }\n");
        var request = new FakeRequest().Route("id", "job_1").Header("X-API-Key", "k");

        var first = harness.Poll("docurift", request);
        var second = harness.Poll("docurift", request);

        first.Text.Should().Contain("\"status\":\"In Progress\"");
        second.Text.Should().Contain("\"status\":\"Done\"");
    }

    [Fact]
    public void Poll_AFailedStepWithAPlainMessage_ShowsThatMessageWithTheDialectsCode()
    {
        var harness = EmulatorHarness.FromYaml("dialect: docurift\njobs:\n  - id: job_1\n    lifecycle:\n      - { status: failed, error: the scan was blank }\n");

        var answer = harness.Poll("docurift", new FakeRequest().Route("id", "job_1").Header("X-API-Key", "k"));

        answer.Text.Should().Contain("the scan was blank");
    }

    [Fact]
    public void LoadYaml_FailedStep_KeepsCodeMessageAndCompletedDetails()
    {
        var error = Lifecycle("status: failed\n        error: { code: OCR_FAILED, message: unreadable, details: { page: 2 } }\n")[0].Error!;

        error.Code.Should().Be("OCR_FAILED");
        error.Message.Should().Be("unreadable");
        error.Details!.ToString().Should().Be("""{"page":2,"step":"processing","retryable":false}""", "DocuRift completes the details with the failed step and whether to retry");
    }

    [Fact]
    public void LoadYaml_FailedStepWithOnlyACode_LeavesMessageAndDetailsToTheDialect()
    {
        var error = Lifecycle("{ status: failed, error: { code: OCR_FAILED } }\n")[0].Error!;

        error.Should().Be(new ScriptedError("OCR_FAILED", null, null));
    }

    [Fact]
    public void LoadYaml_CompletedStepWithAResult_KeepsItAsJson()
    {
        Lifecycle("{ status: completed, result: { total: 12.5, lines: [a] } }\n")[0].Result!.ToString().Should().Be("""{"total":12.5,"lines":["a"]}""");
    }

    [Fact]
    public void LoadYaml_StepLatency_IsKeptOnItsStep()
    {
        var steps = Lifecycle("{ status: pending, polls: 1, latency: 10m }\n      - { status: completed }\n");

        steps[0].Latency.Should().Be(Latency.Fixed(TimeSpan.FromMinutes(10)));
        steps[1].Latency.Should().BeNull();
    }
}
