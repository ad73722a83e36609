using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>The C# builder ends in the same validated model as YAML, and fails the same way.</summary>
public sealed class ScenarioBuilderTests
{
    private const string Yaml = """
        name: slow invoice
        dialect: docurift
        seed: 7
        auth:
          keys: [sk_test]
        retention: 1d
        jobs:
          - id: job_1
            document_type: invoice
            lifecycle:
              - status: pending
                polls: 1
              - status: processing
                after: 20m
                progress: [10, 50]
              - status: completed
                result: { total: 12.5, lines: ["a", "b"] }
            faults:
              - on: { poll: 2 }
                respond: 429
                retry_after: 5s
          - id: job_2
            lifecycle:
              - status: failed
                error: { code: OCR_FAILED, message: "Could not read \"page\" 2", details: { page: 2 } }
        """;

    private static ScenarioBuilder Builder() => new ScenarioBuilder("docurift")
        .Named("slow invoice")
        .WithSeed(7)
        .AcceptingKeys("sk_test")
        .WithRetention(TimeSpan.FromDays(1))
        .Job("job_1", job => job
            .Field("document_type", "invoice")
            .Status("pending", polls: 1)
            .Status(JobStatus.Running, after: TimeSpan.FromMinutes(20), progress: [10, 50])
            .Completed(new { total = 12.5, lines = new[] { "a", "b" } })
            .Fault(onPoll: 2, respond: 429, retryAfter: TimeSpan.FromSeconds(5)))
        .Job("job_2", job => job.Failed("OCR_FAILED", "Could not read \"page\" 2", """{"page": 2}"""));

    [Fact]
    public void Build_GivesTheSameAnswersAsTheSameScenarioInYaml()
    {
        var fromYaml = EmulatorHarness.FromYaml(Yaml);
        var fromBuilder = EmulatorHarness.FromScenarios([Builder().Build()]);

        foreach (var id in new[] { "job_1", "job_1", "job_1", "job_2" })
        {
            var request = new FakeRequest().Route("id", id).Header("X-API-Key", "sk_test");
            var expected = fromYaml.Poll("docurift", request);
            var actual = fromBuilder.Poll("docurift", request);

            actual.StatusCode.Should().Be(expected.StatusCode);
            actual.Head.RetryAfterSeconds.Should().Be(expected.Head.RetryAfterSeconds);
            actual.Text.Should().Be(expected.Text);
            fromBuilder.Clock.Advance(TimeSpan.FromMinutes(21));
            fromYaml.Clock.Advance(TimeSpan.FromMinutes(21));
        }
    }

    [Fact]
    public void Build_KeepsTheModelTheYamlWouldHave()
    {
        var scenario = Builder().Build();

        scenario.Name.Should().Be("slow invoice");
        scenario.Seed.Should().Be(7);
        scenario.Retention.Should().Be(TimeSpan.FromDays(1));
        scenario.Auth.Keys.Should().BeEquivalentTo(["sk_test"]);
        var job = scenario.Jobs[0];
        job.Lifecycle.Select(s => s.Status).Should().Equal(JobStatus.Queued, JobStatus.Running, JobStatus.Completed);
        job.Lifecycle[1].After.Should().Be(TimeSpan.FromMinutes(20));
        job.Lifecycle[1].Progress.Should().Equal(10, 50);
        job.Faults.Should().ContainSingle().Which.Should().Match<FaultRule>(f => f.Trigger.Scope == FaultScope.Polls && f.Trigger.Exact == 2 && f.Respond == 429 && f.RetryAfter == TimeSpan.FromSeconds(5));
        scenario.Jobs[1].Lifecycle[0].Error!.Code.Should().Be("OCR_FAILED");
    }

    [Fact]
    public void Build_InvalidScenario_FailsWithTheLoadersMessage_AndShowsTheYamlItWrote()
    {
        var builder = new ScenarioBuilder("docurift")
            .Named("broken")
            .Job("job_1", job => job.Status("completed").Status("pending", polls: 0));

        var build = () => builder.Build();

        var error = build.Should().Throw<ScenarioValidationException>().Which;
        error.Errors.Should().HaveCount(3);
        error.Message.Should().Contain("builder:broken:").And.Contain("'polls' must be").And.Contain("The ScenarioBuilder wrote:").And.Contain("| name: \"broken\"");
    }

    [Fact]
    public void Build_UnknownDialect_NamesTheDialects()
    {
        var build = () => new ScenarioBuilder("acme").Job("x", job => job.Completed()).Build();

        build.Should().Throw<ScenarioValidationException>().WithMessage("*unknown dialect 'acme'*docurift*");
    }

    [Fact]
    public void Completed_WithInvalidJson_IsRefusedAtOnce()
    {
        var add = () => new ScenarioBuilder("docurift").Job("x", job => job.Completed("{not json"));

        add.Should().Throw<ArgumentException>().WithMessage("the result is not valid JSON*");
    }

    [Fact]
    public void ToYaml_LoadsBackThroughTheLoader()
    {
        var yaml = Builder().ToYaml();

        var scenario = new ScenarioLoader().LoadYaml(yaml, "saved.yaml");

        scenario.Jobs.Select(j => j.Id).Should().Equal("job_1", "job_2");
    }
}
