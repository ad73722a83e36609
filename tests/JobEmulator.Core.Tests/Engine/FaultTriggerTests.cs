using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Faults fire exactly where <c>on:</c> says: a poll, a range, every Nth, a seeded chance, a window of the job's time, a submission.</summary>
public sealed class FaultTriggerTests
{
    private static string Job(string faults) => """
        version: 1
        dialect: docurift
        seed: 77
        jobs:
          - id: job_faulty
            lifecycle:
              - { status: processing, after: 1h }
              - { status: completed }
            faults:

        """ + faults + "\n";

    [Theory]
    [InlineData("      - { on: { polls: 3..5 }, respond: 503 }", new[] { 3, 4, 5 })]
    [InlineData("      - { on: { every: 4 }, respond: 500 }", new[] { 4, 8, 12 })]
    [InlineData("      - { on: { poll: 2 }, respond: 409 }\n      - { on: { polls: 2..3 }, respond: 502 }", new[] { 2, 3 })]
    public void CountedTriggers_FireOnExactlyThoseRequests(string faults, int[] expected)
    {
        var harness = EmulatorHarness.FromYaml(Job(faults));

        var faulted = Enumerable.Range(1, 12).Where(_ => harness.Poll("docurift", Poll()).StatusCode != 200).ToList();

        faulted.Should().Equal(expected.Select(n => n));
    }

    [Fact]
    public void AScriptedStatus_IsAnsweredInTheDialectsEnvelope_WithTheFirstListedFaultWinning()
    {
        var harness = EmulatorHarness.FromYaml(Job("      - { on: { poll: 1 }, respond: 504 }\n      - { on: { polls: 1..2 }, respond: 409 }"));

        var first = harness.Poll("docurift", Poll());
        var second = harness.Poll("docurift", Poll());

        first.StatusCode.Should().Be(504);
        first.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("GATEWAY_TIMEOUT");
        second.StatusCode.Should().Be(409);
        second.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("CONFLICT");
    }

    [Fact]
    public void AProbability_IsDrawnFromTheSeed_SoTwoRunsFailTheSameRequests()
    {
        List<int> Run()
        {
            var harness = EmulatorHarness.FromYaml(Job("      - { on: { probability: 0.3 }, respond: 500 }"));
            return [.. Enumerable.Range(1, 200).Where(_ => harness.Poll("docurift", Poll()).StatusCode == 500)];
        }

        var first = Run();

        Run().Should().Equal(first);
        first.Count.Should().BeInRange(40, 80, "about 30% of 200");
    }

    [Fact]
    public void AWindow_FaultsWhileTheJobsAgeIsInIt()
    {
        var harness = EmulatorHarness.FromYaml(Job("      - { on: { during: { from: 10s, to: 20s } }, respond: 503, retry_after: 5s }"));
        var answers = new List<int>();

        foreach (var at in new[] { 0, 9, 10, 15, 19, 20, 30 })
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(at) - (harness.Clock.GetUtcNow() - EmulatorHarness.DocumentTime));
            answers.Add(harness.Poll("docurift", Poll()).StatusCode);
        }

        answers.Should().Equal(200, 200, 503, 503, 503, 200, 200);
    }

    [Fact]
    public void SubmissionFaults_AnswerTheScriptedStatus_AndCreateNoJob()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            name: flaky-uploads
            dialect: docurift
            submitted_jobs:
              lifecycle: [{ status: completed }]
              faults:
                - { on: { submission: 2 }, respond: 429, retry_after: 3s }
                - { on: { every: 3, of: submissions }, respond: 503 }
            """);

        var answers = Enumerable.Range(1, 6).Select(_ => harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"))).ToList();

        answers.Select(a => a.StatusCode).Should().Equal(202, 429, 503, 202, 202, 503);
        answers[1].Head.RetryAfterSeconds.Should().Be(3);
        answers[1].Body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
        harness.Engine.JobCount.Should().Be(3);
    }

    [Theory]
    [InlineData("{ poll: 1, every: 2 }", "exactly one of")]
    [InlineData("{ polls: 5..3 }", "a range of request numbers such as 3..5")]
    [InlineData("{ probability: 1.5 }", "more than 0 and at most 1")]
    [InlineData("{ submission: 1 }", "belongs in a 'submitted_jobs' template")]
    [InlineData("{ during: { from: 20s, to: 10s } }", "must end after it starts")]
    [InlineData("{ every: 2, of: jobs }", "'on.of' is 'polls'")]
    public void ABrokenTrigger_IsRefusedWithItsPosition(string on, string message)
    {
        var act = () => new ScenarioLoader().LoadYaml(Job($"      - {{ on: {on}, respond: 500 }}"), "bad.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage($"*bad.yaml:*{message}*");
    }

    private static FakeRequest Poll() => DocuRiftUploads.Poll("k", "job_faulty");
}
