using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

public sealed class TransitionAnnouncementTests
{
    private const string Yaml = """
        version: 1
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
    public void TimedSteps_OfAnObservedJob_AreAnnouncedAtTheirExactInstants_WithNobodyPolling()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var observer = new RecordingObserver("job_timed");
        harness.Engine.AddObserver(observer);
        harness.Engine.Watch(harness.Engine.FindJob(harness.Engine.Dialects.Find("docurift")!, "job_timed")!);

        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        observer.Heard.Should().Equal(
            (JobStatus.Running, EmulatorHarness.DocumentTime.AddSeconds(3)),
            (JobStatus.Completed, EmulatorHarness.DocumentTime.AddSeconds(23)));
        harness.Journal().Should().BeEmpty();
    }

    [Fact]
    public void PolledSteps_AreAnnouncedOnce_AtThePollThatEndedThem()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var observer = new RecordingObserver("job_polled");
        harness.Engine.AddObserver(observer);
        var request = new FakeRequest().Header("X-API-Key", "k").Route("id", "job_polled");

        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        harness.Poll("docurift", request);
        harness.Poll("docurift", request);
        harness.Poll("docurift", request);

        observer.Heard.Should().Equal((JobStatus.Completed, EmulatorHarness.DocumentTime.AddSeconds(2)));
    }

    [Fact]
    public void UnobservedJobs_ScheduleNothing()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);

        harness.Engine.Scheduler.Pending.Should().Be(0);
    }

    [Fact]
    public void Reset_DropsScheduledWakeUps_OfTheJobsItReplaces()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var observer = new RecordingObserver("job_timed");
        harness.Engine.AddObserver(observer);
        harness.Engine.Reset();
        harness.Engine.Scheduler.Pending.Should().Be(1, "the new job_timed is observed and watched again");

        harness.Clock.Advance(TimeSpan.FromSeconds(3));

        observer.Heard.Should().ContainSingle().Which.Should().Be((JobStatus.Running, EmulatorHarness.DocumentTime.AddSeconds(3)));
    }

    private sealed class RecordingObserver(string jobId) : IJobObserver
    {
        public List<(JobStatus Status, DateTimeOffset At)> Heard { get; } = [];

        public bool Observes(JobRuntime job) => job.Script.Id == jobId;

        public void OnTransitions(JobRuntime job, IReadOnlyList<JobTransition> transitions)
        {
            if (job.Script.Id == jobId)
            {
                Heard.AddRange(transitions.Select(t => (t.To, t.At)));
            }
        }
    }
}
