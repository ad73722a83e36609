using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>The YAML the builder writes, line for line, for every word it knows; and what a mistake in it shows.</summary>
public sealed class ScenarioBuilderYamlTests
{
    [Fact]
    public void ToYaml_EveryWord_IsWrittenAsAScenarioFileWouldSayIt()
    {
        var builder = new ScenarioBuilder("docurift")
            .Describe("the \"slow\" one")
            .WithSeed(-3)
            .AcceptingKeys("k1", "k2")
            .WithRetention(TimeSpan.FromHours(36))
            .Job(null, job => job
                .Describe("first")
                .Field("document_type", "receipt")
                .Status("pending", polls: 2, after: TimeSpan.FromMilliseconds(1_500), progress: [10, 20])
                .Status(JobStatus.Running, after: TimeSpan.FromMinutes(2))
                .Completed(new { a = new object?[] { 1, "two", true, null, new { b = 2.5 } }, c = new { } })
                .Fault(onPoll: 1, respond: 503, retryAfter: TimeSpan.FromSeconds(2))
                .Fault(onPoll: 2, respond: 500))
            .Job("job_2", job => job.Failed())
            .Job("job_3", job => job.Failed(code: "E1"))
            .Job("job_4", job => job.Failed(message: "m", detailsJson: """{"x": 1}"""));

        builder.ToYaml().Should().Be("""
            version: 1
            name: "docurift scenario"
            description: "the \u0022slow\u0022 one"
            dialect: "docurift"
            seed: -3
            auth:
              keys: ["k1", "k2"]
            retention: "36h"
            jobs:
              - description: "first"
                document_type: "receipt"
                lifecycle:
                  - status: "pending"
                    polls: 2
                    after: "1.5s"
                    progress: [10, 20]
                  - status: "running"
                    after: "2m"
                  - status: "completed"
                    result: {"a": [1, "two", true, null, {"b": 2.5}], "c": {}}
                faults:
                  - on: {poll: 1}
                    respond: 503
                    retry_after: "2s"
                  - on: {poll: 2}
                    respond: 500
              - id: "job_2"
                lifecycle:
                  - status: "failed"
              - id: "job_3"
                lifecycle:
                  - status: "failed"
                    error:
                      code: "E1"
              - id: "job_4"
                lifecycle:
                  - status: "failed"
                    error:
                      message: "m"
                      details: {"x": 1}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_EveryWord_LoadsAsWritten()
    {
        var scenario = new ScenarioBuilder("docurift")
            .WithSeed(-3)
            .AcceptingKeys("k1")
            .Job(null, job => job
                .Status("pending", polls: 2, after: TimeSpan.FromMilliseconds(1_500), progress: [10, 20])
                .Completed(new { a = new object?[] { 1, "two", true, null } })
                .Fault(onPoll: 1, respond: 500))
            .Job("job_4", job => job.Failed(code: "E1", message: "m", detailsJson: """{"x": 1}"""))
            .Build();

        scenario.Name.Should().Be("docurift scenario");
        scenario.Seed.Should().Be(-3);
        scenario.Retention.Should().Be(scenario.Dialect.DefaultRetention);
        var first = scenario.Jobs[0];
        first.Lifecycle[0].Polls.Should().Be(2);
        first.Lifecycle[0].After.Should().Be(TimeSpan.FromMilliseconds(1_500));
        first.Lifecycle[1].Result!.ToString().Should().Be("""{"a":[1,"two",true,null]}""");
        first.Faults.Single().RetryAfter.Should().BeNull();
        scenario.Jobs[1].Lifecycle[0].Error.Should().Match<ScriptedError>(e => e.Code == "E1" && e.Message == "m" && e.Details!.ToString() == """{"x":1,"step":"processing","retryable":false}""");
    }

    [Fact]
    public void ToYaml_NoJobs_IsAnEmptyList_AndNoSeedKeysOrRetention()
    {
        new ScenarioBuilder("symbl").Named("quiet").ToYaml().Should().Be("version: 1\nname: \"quiet\"\ndialect: \"symbl\"\njobs: []\n");
    }

    [Fact]
    public void Build_AJobWithoutSteps_FailsNamingTheBuilderAndNumberingTheYaml()
    {
        var build = () => new ScenarioBuilder("docurift").Job("job_1", _ => { }).Build();

        var error = build.Should().Throw<ScenarioValidationException>().Which;
        error.Errors.Select(e => e.ToString()).Should().Equal("builder:docurift:6:16: the lifecycle of job 1 ('job_1') is empty; it needs at least a terminal step (completed or failed)");
        var nl = Environment.NewLine;
        error.Message.Should().EndWith(
            $"The ScenarioBuilder wrote:{nl}   1 | version: 1{nl}   2 | name: \"docurift scenario\"{nl}   3 | dialect: \"docurift\"{nl}   4 | jobs:{nl}   5 |   - id: \"job_1\"{nl}   6 |     lifecycle: []{nl}");
    }

    [Fact]
    public void Build_NoKeys_IsRefusedAsTheYamlWouldBe()
    {
        var build = () => new ScenarioBuilder("docurift").Named("locked").AcceptingKeys().Build();

        build.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())
            .Should().Equal("builder:locked:5:9: 'auth.keys' must list at least one key (leave 'auth' out to accept any key)");
    }

    [Fact]
    public void Field_NumbersFlagsAndNull_AreWrittenAsJsonValues()
    {
        var yaml = new ScenarioBuilder("aitronos").Job("j", job => job.Field("confidence", 0.5m).Field("model_used", null).Field("flag", false).Completed()).ToYaml();

        yaml.Should().Contain("  - id: \"j\"\n    confidence: 0.5\n    model_used: null\n    flag: false\n    lifecycle:\n");
    }

    [Fact]
    public void Details_ThatAreNotJson_AreRefusedAtOnce()
    {
        var add = () => new ScenarioBuilder("docurift").Job("x", job => job.Failed(detailsJson: "[oops"));

        add.Should().Throw<ArgumentException>().WithMessage("the error details is not valid JSON*").Which.ParamName.Should().Be("json");
    }
}
