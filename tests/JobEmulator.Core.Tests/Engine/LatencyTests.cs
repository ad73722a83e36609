using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>latency: fixed, uniform or lognormal; per scenario, operation, job and step; drawn from the seed.</summary>
public sealed class LatencyTests
{
    private const string Scenario = """
        version: 1
        dialect: docurift
        seed: 5
        latency: { status: { min: 20ms, max: 80ms }, submit: 300ms }
        jobs:
          - id: job_scenario_latency
            lifecycle: [{ status: processing, polls: 100 }, { status: completed }]
          - id: job_own_latency
            latency: { median: 40ms, sigma: 0.5, max: 200ms }
            lifecycle:
              - { status: pending, polls: 2, latency: 1s }
              - { status: processing, polls: 100 }
              - { status: completed }
        """;

    [Fact]
    public void StatusPolls_TakeTheScenariosUniformLatency_DrawnTheSameOnEveryRun()
    {
        List<TimeSpan?> Run()
        {
            var harness = EmulatorHarness.FromYaml(Scenario);
            return [.. Enumerable.Range(0, 50).Select(_ => harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_scenario_latency")).Head.Delay)];
        }

        var delays = Run();

        Run().Should().Equal(delays);
        delays.Should().AllSatisfy(d => d.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(80)));
        delays.Distinct().Should().HaveCountGreaterThan(10);
    }

    [Fact]
    public void AStepsLatency_WinsOverTheJobs_WhichWinsOverTheScenarios()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        var delays = Enumerable.Range(0, 40).Select(_ => harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_own_latency")).Head.Delay!.Value).ToList();

        delays.Take(2).Should().AllBeEquivalentTo(TimeSpan.FromSeconds(1));
        delays.Skip(2).Should().AllSatisfy(d => d.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(200)));
        delays.Skip(2).Order().ElementAt(19).Should().BeCloseTo(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(25), "the median of a lognormal around 40 ms");
    }

    [Fact]
    public void Submissions_TakeTheSubmitLatency()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).Head.Delay.Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void WithoutLatency_NothingIsDelayed()
    {
        var harness = EmulatorHarness.FromYaml("version: 1\ndialect: docurift\njobs: [{ id: job_1, lifecycle: [{ status: completed }] }]\n");

        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_1")).Head.Delay.Should().BeNull();
    }

    [Theory]
    [InlineData("latency: fast", "must be a duration")]
    [InlineData("latency: { min: 80ms, max: 20ms }", "shorter than its min")]
    [InlineData("latency: { median: 40ms }", "needs 'sigma'")]
    [InlineData("latency: { median: 40ms, sigma: 9 }", "more than 0 and at most 5")]
    [InlineData("latency: 1h", "at most 10m")]
    [InlineData("latency: { status: 10ms, polls: 5ms }", "unknown key 'polls'")]
    public void ABrokenLatency_IsRefusedWithItsPosition(string latency, string message)
    {
        var act = () => new ScenarioLoader().LoadYaml($"dialect: docurift\n{latency}\n", "bad.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage($"*bad.yaml:2:*{message}*");
    }
}
