using FluentAssertions;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary><c>submitted_jobs</c>: which submissions each template takes, what its jobs carry, and each mistake at its position.</summary>
public sealed class SubmittedTemplateReadingTests
{
    private const string Templates = "dialect: docurift\nsubmitted_jobs:\n";
    private const string Completed = "lifecycle: [{ status: completed }]";

    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static Scenario Load(string templates) => new ScenarioLoader().LoadYaml(Templates + templates, "s.yaml");

    private static Submission With(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value), null, null, null);

    [Theory]
    [InlineData("neither a template nor a list", Templates + "  5\n", "s.yaml:3:3: 'submitted_jobs' (a template with 'lifecycle', or a list of them) must be a list ('- item' lines or [a, b]); found '5'")]
    [InlineData("an empty list", "dialect: docurift\nsubmitted_jobs: []\n", "s.yaml:2:17: 'submitted_jobs' is empty; leave it out for the default lifecycle, or list at least one template")]
    [InlineData("a template not a mapping", "dialect: docurift\nsubmitted_jobs: [5]\n", "s.yaml:2:18: submitted job template 1 must be a mapping (key: value lines); found '5'")]
    [InlineData("unknown key", Templates + "  - { " + Completed + ", colour: red }\n", "s.yaml:3:43: unknown key 'colour' in submitted job template 1; expected one of: when, description, lifecycle, faults, latency, document_type, document_id")]
    [InlineData("description not text", Templates + "  - { description: [a], " + Completed + " }\n", "s.yaml:3:20: the description of submitted job template 1 must be non-empty text; found a list")]
    [InlineData("empty lifecycle", Templates + "  - { lifecycle: [] }\n", "s.yaml:3:18: the lifecycle of submitted job template 1 is empty; it needs at least a terminal step (completed or failed)")]
    [InlineData("when not a mapping", Templates + "  - { when: nth, " + Completed + " }\n", "s.yaml:3:13: 'when' of submitted job template 1 must be a mapping (key: value lines); found 'nth'")]
    [InlineData("when empty", Templates + "  - { when: {}, " + Completed + " }\n", "s.yaml:3:13: 'when' of submitted job template 1 is empty; leave it out to take every submission")]
    [InlineData("when.nth", Templates + "  - { when: { nth: 0 }, " + Completed + " }\n", "s.yaml:3:20: 'when.nth' (the Nth submission to this scenario) must be between 1 and 1000000; found 0")]
    [InlineData("when field not text", Templates + "  - { when: { priority: [high] }, " + Completed + " }\n", "s.yaml:3:25: 'when.priority' (normal or high) must be non-empty text; found a list")]
    [InlineData("template field", Templates + "  - { document_type: [a], " + Completed + " }\n", "s.yaml:3:22: 'document_type' (the data.documentType of the job (invoice, receipt, …)) must be non-empty text; found a list")]
    [InlineData("template latency", Templates + "  - { latency: 11m, " + Completed + " }\n", "s.yaml:3:16: the latency of submitted job template 1 may be at most 10m; script a longer wait as a step's 'after'")]
    [InlineData("on.submission", Templates + "  - { " + Completed + ", faults: [{ on: { submission: 0 }, respond: 500 }] }\n", "s.yaml:3:72: 'on.submission' (the Nth submission to the scenario) must be between 1 and 1000000; found 0")]
    [InlineData("on.submissions", Templates + "  - { " + Completed + ", faults: [{ on: { submissions: 3..1 }, respond: 500 }] }\n", "s.yaml:3:73: 'on.submissions' must be a range of request numbers such as 3..5 (from 1, the first not after the last); found '3..1'")]
    [InlineData("two faults on one submission", Templates + "  - { " + Completed + ", faults: [{ on: { submission: 2 }, respond: 500 }, { on: { submissions: 2..2 }, respond: 503 }] }\n", "s.yaml:3:93: submitted job template 1 already has a fault on submission 2")]
    public void LoadYaml_BadTemplate_IsReportedWhereItIsWritten(string kind, string yaml, string expected)
    {
        Errors(yaml).Should().Equal([expected], kind);
    }

    [Fact]
    public void LoadYaml_OneTemplateWithoutAList_TakesEverySubmission()
    {
        var scenario = Load("  " + Completed + "\n");

        scenario.DeclaresSubmissions.Should().BeTrue();
        scenario.TemplateFor(7, Submission.Empty).Should().BeSameAs(scenario.SubmittedJobs.Single());
    }

    [Fact]
    public void TemplateFor_TakesTheFirstTemplateThatFits_ByNumberAndByField()
    {
        var scenario = Load(
            "  - { when: { nth: 2 }, lifecycle: [{ status: failed }] }\n" +
            "  - { when: { priority: high, document_type: receipt }, " + Completed + " }\n" +
            "  - { when: { priority: HIGH }, lifecycle: [{ status: pending, polls: 1 }, { status: completed }] }\n");
        var (second, highReceipt, high) = (scenario.SubmittedJobs[0], scenario.SubmittedJobs[1], scenario.SubmittedJobs[2]);

        scenario.TemplateFor(2, With(("priority", "high"))).Should().BeSameAs(second);
        scenario.TemplateFor(3, With(("priority", "High"), ("document_type", "RECEIPT"))).Should().BeSameAs(highReceipt);
        scenario.TemplateFor(3, With(("priority", "high"), ("document_type", "invoice"))).Should().BeSameAs(high);
        scenario.TemplateFor(3, With(("document_type", "receipt"))).Should().BeNull("no template takes a normal-priority submission");
        scenario.TemplateFor(1, Submission.Empty).Should().BeNull();
        second.Nth.Should().Be(2);
        highReceipt.Matches.Should().BeEquivalentTo(new Dictionary<string, string> { ["priority"] = "high", ["document_type"] = "receipt" });
    }

    [Fact]
    public void LoadYaml_TemplateFieldsFaultsAndLatency_AreKept()
    {
        var template = Load(
            "  - document_type: invoice\n" +
            "    latency: 20ms\n" +
            "    " + Completed + "\n" +
            "    faults:\n" +
            "      - { on: { submission: 2 }, respond: 503 }\n" +
            "      - { on: { poll: 2 }, respond: 500 }\n" +
            "      - { on: { every: 3, of: submissions }, respond: 429 }\n" +
            "      - { on: { probability: 0.5, of: submissions }, respond: 502 }\n" +
            "      - { on: { probability: 0.5, of: polls }, respond: 504 }\n").SubmittedJobs.Single();

        template.Fields.Should().ContainSingle().Which.Should().Match<KeyValuePair<int, Json.JsonFragment>>(f => f.Key == 0 && f.Value.ToString() == "\"invoice\"");
        template.Latency.Should().Be(Latency.Fixed(TimeSpan.FromMilliseconds(20)));
        template.Faults.Select(f => (f.Trigger, f.Respond)).Should().Equal(
            (new FaultTrigger(FaultScope.Submissions) { From = 2, To = 2 }, 503),
            (new FaultTrigger(FaultScope.Polls) { From = 2, To = 2 }, 500),
            (new FaultTrigger(FaultScope.Submissions) { Every = 3 }, 429),
            (new FaultTrigger(FaultScope.Submissions) { Probability = 0.5 }, 502),
            (new FaultTrigger(FaultScope.Polls) { Probability = 0.5 }, 504));
    }

    [Fact]
    public void LoadYaml_NoSubmittedJobs_FollowsTheDefaultLifecycle()
    {
        var scenario = new ScenarioLoader().LoadYaml("dialect: docurift\n", "s.yaml");

        scenario.DeclaresSubmissions.Should().BeFalse();
        scenario.SubmittedJobs.Should().Equal(SubmittedJobTemplate.Default);
        SubmittedJobTemplate.Default.Lifecycle.Select(s => (s.Status, s.After)).Should().Equal(
            (JobStatus.Queued, TimeSpan.FromSeconds(1)), (JobStatus.Running, TimeSpan.FromSeconds(3)), (JobStatus.Completed, (TimeSpan?)null));
    }
}
