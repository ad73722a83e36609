using FluentAssertions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Which poll of a declared job a scripted fault answers: by number, range, every Nth, chance and age; the first listed wins.</summary>
public sealed class JobScriptFaultTests
{
    private static EmulatorHarness Harness(string faults) => EmulatorHarness.FromYaml(
        "dialect: docurift\nseed: 9\njobs:\n  - id: job_1\n    lifecycle: [{ status: completed }]\n    faults:\n" + faults);

    private static int Poll(EmulatorHarness harness) =>
        harness.Poll("docurift", new FakeRequest().Route("id", "job_1").Header("X-API-Key", "k")).StatusCode;

    [Fact]
    public void Poll_OverlappingFaults_TheFirstListedThatFiresAnswers()
    {
        var harness = Harness("      - { on: { every: 2 }, respond: 503 }\n      - { on: { polls: 3..4 }, respond: 500 }\n");

        Enumerable.Range(1, 6).Select(_ => Poll(harness)).Should().Equal(200, 503, 500, 503, 200, 503);
    }

    [Fact]
    public void Poll_AWindow_AnswersFromItsStartUntilJustBeforeItsEnd()
    {
        var harness = Harness("      - { on: { during: { from: 10s, to: 20s } }, respond: 500 }\n");
        var statuses = new List<int>();

        foreach (var wait in new[] { 0, 9_999, 1, 9_999, 1 })
        {
            harness.Clock.Advance(TimeSpan.FromMilliseconds(wait));
            statuses.Add(Poll(harness));
        }

        statuses.Should().Equal(200, 200, 500, 500, 200);
    }

    [Fact]
    public void Poll_AChance_FiresOnAboutThatShareOfPolls_TheSameOnEveryRun()
    {
        const string Faults = "      - { on: { probability: 0.25 }, respond: 500 }\n";
        var first = Harness(Faults);
        var again = Harness(Faults);

        var statuses = Enumerable.Range(1, 400).Select(_ => Poll(first)).ToList();

        statuses.Count(s => s == 500).Should().BeInRange(70, 130);
        Enumerable.Range(1, 400).Select(_ => Poll(again)).Should().Equal(statuses);
    }

    [Fact]
    public void FaultFor_AScriptWithoutFaults_AnswersNone()
    {
        var script = new JobScript("job_1", [new LifecycleStep(JobStatus.Completed, null, null, null, null, null)], [], [], null, default);

        Enumerable.Range(1, 5).Select(script.FaultFor).Should().OnlyContain(f => f == null);
    }

    [Fact]
    public void FaultFor_ByRequestNumber_IsTheFaultOnThatPoll()
    {
        var onTwo = new FaultRule(new FaultTrigger(FaultScope.Polls) { From = 2, To = 2 }, 500, null, default);
        var submissions = new FaultRule(new FaultTrigger(FaultScope.Submissions) { Every = 1 }, 503, null, default);
        var script = new JobScript("job_1", [new LifecycleStep(JobStatus.Completed, null, null, null, null, null)], [submissions, onTwo], [], null, default);

        Enumerable.Range(1, 3).Select(script.FaultFor).Should().Equal(null, onTwo, null);
    }

    [Fact]
    public void GeneratedResult_OfAScriptBuiltInCode_IsWhatItsGeneratorGives_DrawnOnce()
    {
        var calls = 0;
        var script = new JobScript("job_1", [new LifecycleStep(JobStatus.Completed, null, null, null, null, null)], [], [JsonFragment.Text("x")], () => { calls++; return JsonFragment.Text("result"); }, default);

        script.GeneratedResult!.ToString().Should().Be("\"result\"");
        script.GeneratedResult!.ToString().Should().Be("\"result\"");
        calls.Should().Be(1);
        script.Fields.Should().ContainSingle().Which.ToString().Should().Be("\"x\"");
    }

    [Fact]
    public void GeneratedResult_OfAScriptBuiltInCodeWithoutAGenerator_IsNone()
    {
        new JobScript("job_1", [], [], [], null, default).GeneratedResult.Should().BeNull();
    }
}
