using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Declared jobs: ids, descriptions, vendor fields and faults, each mistake at its file:line:column.</summary>
public sealed class ScenarioJobReadingTests
{
    private const string OneJob = "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults:\n      - ";

    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static Scenario Load(string yaml) => new ScenarioLoader().LoadYaml(yaml, "s.yaml");

    [Theory]
    [InlineData("job not a mapping", "dialect: docurift\njobs: [5]\n", "s.yaml:2:8: job 1 must be a mapping (key: value lines); found '5'")]
    [InlineData("id not text", "dialect: docurift\njobs:\n  - { id: [a], lifecycle: [{ status: completed }] }\n", "s.yaml:3:11: the id of job 1 must be non-empty text; found a list")]
    [InlineData("named job without lifecycle", "dialect: docurift\njobs:\n  - { id: a1 }\n", "s.yaml:3:5: job 1 ('a1') needs 'lifecycle'")]
    [InlineData("second job without lifecycle", "dialect: docurift\njobs:\n  - { lifecycle: [{ status: completed }] }\n  - { }\n", "s.yaml:4:5: job 2 needs 'lifecycle'")]
    [InlineData("description not text", "dialect: docurift\njobs:\n  - { id: a1, description: [x], lifecycle: [{ status: completed }] }\n", "s.yaml:3:28: the description of job 1 ('a1') must be non-empty text; found a list")]
    [InlineData("named job's lifecycle", "dialect: docurift\njobs:\n  - { id: a1, lifecycle: [] }\n", "s.yaml:3:26: the lifecycle of job 1 ('a1') is empty; it needs at least a terminal step (completed or failed)")]
    [InlineData("named job's latency", "dialect: docurift\njobs:\n  - { id: a1, latency: soon, lifecycle: [{ status: completed }] }\n", "s.yaml:3:24: the latency of job 1 ('a1') must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("text field not text", "dialect: docurift\njobs:\n  - { document_type: [a], lifecycle: [{ status: completed }] }\n", "s.yaml:3:22: 'document_type' (the data.documentType of the job (invoice, receipt, …)) must be non-empty text; found a list")]
    [InlineData("whole number below its minimum", "dialect: waveline\njobs:\n  - { pages: 0, lifecycle: [{ status: COMPLETED }] }\n", "s.yaml:3:14: 'pages' (the number of billed pages) must be between 1 and ∞; found 0")]
    [InlineData("whole number negative", "dialect: waveline\njobs:\n  - { pages: -1, lifecycle: [{ status: COMPLETED }] }\n", "s.yaml:3:14: 'pages' (the number of billed pages) must be between 0 and 2147483647; found -1")]
    [InlineData("whole number with a fraction", "dialect: waveline\njobs:\n  - { pages: 1.5, lifecycle: [{ status: COMPLETED }] }\n", "s.yaml:3:14: 'pages' (the number of billed pages) must be a whole number; found '1.5'")]
    [InlineData("number below its minimum", "dialect: aitronos\njobs:\n  - { cost_chf: -0.5, lifecycle: [{ status: completed }] }\n", "s.yaml:3:17: 'cost_chf' (the cost_chf reported once completed) must be between 0 and ∞; found -0.5")]
    [InlineData("number just below its range", "dialect: aitronos\njobs:\n  - { confidence: -0.01, lifecycle: [{ status: completed }] }\n", "s.yaml:3:19: 'confidence' (the confidence reported once completed) must be between 0 and 1; found -0.01")]
    [InlineData("number just above its range", "dialect: aitronos\njobs:\n  - { confidence: 1.01, lifecycle: [{ status: completed }] }\n", "s.yaml:3:19: 'confidence' (the confidence reported once completed) must be between 0 and 1; found 1.01")]
    [InlineData("number not a number", "dialect: aitronos\njobs:\n  - { confidence: high, lifecycle: [{ status: completed }] }\n", "s.yaml:3:19: 'confidence' (the confidence reported once completed) must be a number; found 'high'")]
    [InlineData("mapping field not a mapping", "dialect: symbl\njobs:\n  - { conversation: x, lifecycle: [{ status: completed }] }\n", "s.yaml:3:21: 'conversation' (what the Conversation API answers once the job completes, replacing what is generated) must be a mapping (key: value lines); found 'x'")]
    [InlineData("mapping field's list key", "dialect: symbl\njobs:\n  - { conversation: { messages: { a: 1 } }, lifecycle: [{ status: completed }] }\n", "s.yaml:3:33: 'conversation.messages' (the messages, as GET …/messages answers them) must be a list ('- item' lines or [a, b]); found a mapping")]
    [InlineData("mapping field's mapping key", "dialect: symbl\njobs:\n  - { conversation: { conversation: [a] }, lifecycle: [{ status: completed }] }\n", "s.yaml:3:37: 'conversation.conversation' (keys that replace the generated conversation's (name, startTime, members, metadata, …)) must be a mapping (key: value lines); found a list")]
    [InlineData("faults not a list", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults: 5\n", "s.yaml:4:13: the faults of job 1 must be a list ('- item' lines or [a, b]); found '5'")]
    [InlineData("fault not a mapping", OneJob + "5\n", "s.yaml:5:9: a fault of job 1 must be a mapping (key: value lines); found '5'")]
    [InlineData("fault unknown key", OneJob + "{ on: { poll: 1 }, respond: 500, delay: 1s }\n", "s.yaml:5:42: unknown key 'delay' in a fault of job 1; expected one of: on, respond, network, retry_after")]
    [InlineData("fault without on", OneJob + "{ respond: 500 }\n", "s.yaml:5:9: a fault of job 1 needs 'on'")]
    [InlineData("fault without respond", OneJob + "{ on: { poll: 1 } }\n", "s.yaml:5:9: a fault of job 1 needs 'respond'")]
    [InlineData("retry_after without respond", OneJob + "{ on: { poll: 1 }, retry_after: 1s }\n", "s.yaml:5:9: a fault of job 1 needs 'respond'")]
    [InlineData("retry_after not a duration", OneJob + "{ on: { poll: 1 }, respond: 429, retry_after: later }\n", "s.yaml:5:55: 'retry_after' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'later'")]
    [InlineData("network with retry_after", OneJob + "{ on: { poll: 1 }, network: reset, retry_after: 1s }\n", "s.yaml:5:57: 'retry_after' goes with 'respond: 429' or 'respond: 503', not with a network fault")]
    [InlineData("network as a number", OneJob + "{ on: { poll: 1 }, network: 1 }\n", "s.yaml:5:37: 'network' must be one of: reset, empty, malformed, truncated, hang; found '1'")]
    [InlineData("network as a list of words", OneJob + "{ on: { poll: 1 }, network: \"reset,hang\" }\n", "s.yaml:5:37: 'network' must be one of: reset, empty, malformed, truncated, hang; found the quoted text 'reset,hang'")]
    [InlineData("network null", OneJob + "{ on: { poll: 1 }, network: ~ }\n", "s.yaml:5:37: 'network' must be non-empty text; found null")]
    [InlineData("on not a mapping", OneJob + "{ on: 3, respond: 500 }\n", "s.yaml:5:15: 'on' (which requests the fault takes) must be a mapping (key: value lines); found '3'")]
    [InlineData("on empty", OneJob + "{ on: {}, respond: 500 }\n", "s.yaml:5:15: 'on' needs exactly one of: poll, polls, every, probability, during, submission, submissions; found none")]
    [InlineData("on with only of", OneJob + "{ on: { of: polls }, respond: 500 }\n", "s.yaml:5:15: 'on' needs exactly one of: poll, polls, every, probability, during, submission, submissions; found none")]
    [InlineData("on with two", OneJob + "{ on: { poll: 1, every: 2 }, respond: 500 }\n", "s.yaml:5:15: 'on' needs exactly one of: poll, polls, every, probability, during, submission, submissions; found poll, every")]
    [InlineData("on.of unknown", OneJob + "{ on: { every: 2, of: requests }, respond: 500 }\n", "s.yaml:5:31: 'on.of' is 'polls' (the default) or 'submissions', and goes only with 'every' or 'probability'")]
    [InlineData("on.of submissions with poll", OneJob + "{ on: { poll: 2, of: submissions }, respond: 500 }\n", "s.yaml:5:30: 'on.of' is 'polls' (the default) or 'submissions', and goes only with 'every' or 'probability'")]
    [InlineData("on.of not text", OneJob + "{ on: { every: 2, of: [polls] }, respond: 500 }\n", "s.yaml:5:31: 'on.of' must be non-empty text; found a list")]
    [InlineData("on.poll", OneJob + "{ on: { poll: 0 }, respond: 500 }\n", "s.yaml:5:23: 'on.poll' (the Nth status request) must be between 1 and 1000000; found 0")]
    [InlineData("on.every", OneJob + "{ on: { every: 0 }, respond: 500 }\n", "s.yaml:5:24: 'on.every' (every Nth request) must be between 1 and 1000000; found 0")]
    [InlineData("on.probability not a number", OneJob + "{ on: { probability: often }, respond: 500 }\n", "s.yaml:5:30: 'on.probability' (a chance from 0 to 1) must be a number; found 'often'")]
    [InlineData("on.probability zero", OneJob + "{ on: { probability: 0 }, respond: 500 }\n", "s.yaml:5:30: 'on.probability' must be more than 0 and at most 1; found 0")]
    [InlineData("on.probability above one", OneJob + "{ on: { probability: 1.5 }, respond: 500 }\n", "s.yaml:5:30: 'on.probability' must be more than 0 and at most 1; found 1.5")]
    [InlineData("on.polls backwards", OneJob + "{ on: { polls: 5..3 }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '5..3'")]
    [InlineData("on.polls from zero", OneJob + "{ on: { polls: 0..3 }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '0..3'")]
    [InlineData("on.polls too far", OneJob + "{ on: { polls: 1..1000001 }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '1..1000001'")]
    [InlineData("on.polls one number", OneJob + "{ on: { polls: 3 }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '3'")]
    [InlineData("on.polls words", OneJob + "{ on: { polls: a..b }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found 'a..b'")]
    [InlineData("on.polls signed", OneJob + "{ on: { polls: +1..3 }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '+1..3'")]
    [InlineData("on.polls not a scalar", OneJob + "{ on: { polls: [1, 3] }, respond: 500 }\n", "s.yaml:5:24: 'on.polls' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found a list")]
    [InlineData("submission on a declared job", OneJob + "{ on: { submission: 2 }, respond: 500 }\n", "s.yaml:5:29: a fault on submissions belongs in a 'submitted_jobs' template, whose submissions it counts; a declared job is never submitted")]
    [InlineData("every submission on a declared job", OneJob + "{ on: { every: 2, of: submissions }, respond: 500 }\n", "s.yaml:5:24: a fault on submissions belongs in a 'submitted_jobs' template, whose submissions it counts; a declared job is never submitted")]
    [InlineData("on.during not a mapping", OneJob + "{ on: { during: 10s }, respond: 500 }\n", "s.yaml:5:25: 'on.during' (from and to, ages of the job) must be a mapping (key: value lines); found '10s'")]
    [InlineData("on.during empty", OneJob + "{ on: { during: {} }, respond: 500 }\n", "s.yaml:5:25: 'on.during' needs 'from', 'to' or both (ages of the job, such as 10s)")]
    [InlineData("on.during unknown key", OneJob + "{ on: { during: { from: 1s, until: 2s } }, respond: 500 }\n", "s.yaml:5:37: unknown key 'until' in 'on.during'; expected one of: from, to")]
    [InlineData("on.during backwards", OneJob + "{ on: { during: { from: 10s, to: 5s } }, respond: 500 }\n", "s.yaml:5:25: 'on.during' must end after it starts; found from 10s to 5s")]
    [InlineData("on.during empty window", OneJob + "{ on: { during: { from: 10s, to: 10s } }, respond: 500 }\n", "s.yaml:5:25: 'on.during' must end after it starts; found from 10s to 10s")]
    [InlineData("on.during from", OneJob + "{ on: { during: { from: soon } }, respond: 500 }\n", "s.yaml:5:33: 'during.from' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("on.during to", OneJob + "{ on: { during: { to: 0s } }, respond: 500 }\n", "s.yaml:5:31: 'during.to' must be longer than zero; found '0s'")]
    public void LoadYaml_BadJob_IsReportedWhereItIsWritten(string kind, string yaml, string expected)
    {
        Errors(yaml).Should().Equal([expected], kind);
    }

    [Theory]
    [InlineData("poll", "{ on: { poll: 2 }, respond: 500 }\n      - { on: { poll: 2 }, respond: 503 }\n", "s.yaml:6:9: job 1 already has a fault on poll 2")]
    [InlineData("a range of one", "{ on: { poll: 2 }, respond: 500 }\n      - { on: { polls: 2..2 }, network: reset }\n", "s.yaml:6:9: job 1 already has a fault on poll 2")]
    public void LoadYaml_TwoFaultsOnOnePoll_TheSecondIsReported(string kind, string faults, string expected)
    {
        Errors(OneJob + faults).Should().Equal([expected], kind);
    }

    [Fact]
    public void LoadYaml_FaultsOnDifferentPollsAndRanges_AreAllKept()
    {
        var job = Load(OneJob + "{ on: { poll: 2 }, respond: 500 }\n      - { on: { poll: 3 }, respond: 503, retry_after: 2s }\n      - { on: { polls: 2..4 }, network: RESET }\n      - { on: { every: 3, of: polls }, respond: 429 }\n").Jobs[0];

        job.Faults.Select(f => (f.Trigger, f.Respond, f.RetryAfter, f.Network)).Should().Equal(
            (new FaultTrigger(FaultScope.Polls) { From = 2, To = 2 }, 500, (TimeSpan?)null, (NetworkFault?)null),
            (new FaultTrigger(FaultScope.Polls) { From = 3, To = 3 }, 503, TimeSpan.FromSeconds(2), null),
            (new FaultTrigger(FaultScope.Polls) { From = 2, To = 4 }, 0, null, NetworkFault.Reset),
            (new FaultTrigger(FaultScope.Polls) { Every = 3 }, 429, null, null));
    }

    [Theory]
    [InlineData("{ probability: 1 }", 1.0)]
    [InlineData("{ probability: 0.25 }", 0.25)]
    public void LoadYaml_Probability_IsKeptUpToOne(string on, double probability)
    {
        Load(OneJob + $"{{ on: {on}, respond: 500 }}\n").Jobs[0].Faults.Single().Trigger.Should().Be(new FaultTrigger(FaultScope.Polls) { Probability = probability });
    }

    [Theory]
    [InlineData("1..1000000", 1, 1_000_000)]
    [InlineData("3 .. 3", 3, 3)]
    public void LoadYaml_PollRange_IsKeptFromFirstToLast(string range, int from, int to)
    {
        Load(OneJob + $"{{ on: {{ polls: \"{range}\" }}, respond: 500 }}\n").Jobs[0].Faults.Single().Trigger.Should().Be(new FaultTrigger(FaultScope.Polls) { From = from, To = to });
    }

    [Theory]
    [InlineData("{ from: 10s, to: 20s }", 10, 20)]
    [InlineData("{ from: 0, to: 20s }", 0, 20)]
    [InlineData("{ to: 20s }", 0, 20)]
    [InlineData("{ from: 10s }", 10, null)]
    public void LoadYaml_Window_IsKeptAsAgesOfTheJob(string during, int from, int? to)
    {
        var trigger = Load(OneJob + $"{{ on: {{ during: {during} }}, respond: 500 }}\n").Jobs[0].Faults.Single().Trigger;

        trigger.Should().Be(new FaultTrigger(FaultScope.Polls) { WindowFrom = TimeSpan.FromSeconds(from), WindowTo = to is { } t ? TimeSpan.FromSeconds(t) : null });
    }

    [Fact]
    public void LoadYaml_ScriptedFields_AreShownAsWrittenAndTheOthersDrawn()
    {
        var scenario = Load("dialect: aitronos\nseed: 3\njobs:\n  - { confidence: 0, cost_chf: 0.5, lifecycle: [{ status: completed }] }\n  - { confidence: 1, lifecycle: [{ status: completed }] }\n  - { lifecycle: [{ status: completed }] }\n");
        var drawn = Load("dialect: aitronos\nseed: 3\njobs:\n  - { lifecycle: [{ status: completed }] }\n  - { lifecycle: [{ status: completed }] }\n  - { lifecycle: [{ status: completed }] }\n");

        scenario.Jobs[0].Fields.Select(f => f.ToString()).Should().Equal(drawn.Jobs[0].Fields[0].ToString(), "0", "0.5");
        scenario.Jobs[1].Fields.Select(f => f.ToString()).Should().Equal(drawn.Jobs[1].Fields[0].ToString(), "1", drawn.Jobs[1].Fields[2].ToString());
        scenario.Jobs[2].Fields.Select(f => f.ToString()).Should().Equal(drawn.Jobs[2].Fields.Select(f => f.ToString()));
    }

    [Fact]
    public void LoadYaml_ScriptedWholeNumberAndChoice_AreShownAsWritten()
    {
        var job = Load("dialect: waveline\njobs:\n  - { type: guess-shape, pages: 1, file_name: a.pdf, lifecycle: [{ status: COMPLETED }] }\n").Jobs[0];

        job.Fields.Select(f => f.ToString()).Should().Equal("\"guess-shape\"", "1", "\"a.pdf\"");
    }

    [Fact]
    public void LoadYaml_ScriptedConversation_IsKeptAsJsonInTheOrderWritten()
    {
        var job = Load("dialect: symbl\njobs:\n  - conversation: { messages: [{ text: hi }], conversation: { name: call } }\n    lifecycle: [{ status: completed }]\n").Jobs[0];

        job.Fields[2].ToString().Should().Be("""{"messages":[{"text":"hi"}],"conversation":{"name":"call"}}""");
    }
}
