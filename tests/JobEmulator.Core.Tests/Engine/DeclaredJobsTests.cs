using System.Collections.Concurrent;
using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Declared jobs nobody listens to are kept as scripts until first asked for, then made live from the instant their
/// scenario was loaded: they answer exactly as jobs live all along would, are counted, unloaded and evicted the same.
/// </summary>
public sealed class DeclaredJobsTests
{
    private const string Yaml = """
        version: 1
        name: declared
        dialect: docurift
        jobs:
          - id: job_timed
            lifecycle:
              - { status: pending, after: 3s }
              - { status: processing, after: 20s }
              - { status: completed }
          - id: job_polled
            lifecycle:
              - { status: pending, polls: 1 }
              - { status: completed }
        """;

    [Fact]
    public void AJobFirstAskedForLate_AnswersAsIfLiveAllAlong_WithTransitionsAtTheirInstants()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));

        var job = harness.Engine.FindJob(harness.Engine.Dialects.Find("docurift")!, "job_timed")!;
        var outcome = harness.Engine.Poll(job, harness.Clock.GetUtcNow());

        job.CreatedAt.Should().Be(EmulatorHarness.DocumentTime, "its clock started when the scenario was loaded");
        outcome.Job.Status.Should().Be(JobStatus.Running);
        job.History.Select(t => t.At).Should().Equal(EmulatorHarness.DocumentTime.AddSeconds(3));
    }

    [Fact]
    public void JobsNotAskedFor_AreCounted_AndEveryFindOfOneGivesTheSameJob_EvenAllAtOnce()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;
        var found = new ConcurrentBag<object>();

        harness.Engine.JobCount.Should().Be(2);
        Parallel.For(0, 64, _ => found.Add(harness.Engine.FindJob(docurift, "job_polled")!));

        found.Distinct().Should().ContainSingle();
        harness.Engine.JobCount.Should().Be(2);
        harness.Engine.FindJob(docurift, "job_nothing").Should().BeNull();
    }

    [Fact]
    public void UnloadingAScenario_DropsItsJobs_AskedForOrNot()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;
        harness.Engine.FindJob(docurift, "job_timed").Should().NotBeNull();

        harness.Engine.Unload("declared").Should().BeTrue();

        harness.Engine.JobCount.Should().Be(0);
        harness.Engine.FindJob(docurift, "job_timed").Should().BeNull();
        harness.Engine.FindJob(docurift, "job_polled").Should().BeNull();
    }

    [Fact]
    public void ListingJobs_MakesEveryDeclaredJobLive_AndAJobLoadedLaterCannotReuseAnUnaskedId()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;

        harness.Engine.JobsOf(docurift).Select(j => j.Script.Id).Should().BeEquivalentTo(["job_timed", "job_polled"]);

        var again = () => harness.Engine.Load(new ScenarioLoader().LoadYaml("version: 1\nname: other\ndialect: docurift\njobs:\n  - id: job_polled\n    lifecycle: [{ status: completed }]\n"));
        again.Should().Throw<ScenarioValidationException>().WithMessage("*job_polled*");
        harness.Engine.JobCount.Should().Be(2);
    }
}
