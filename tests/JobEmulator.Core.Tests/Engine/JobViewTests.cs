using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// What a job shows at each moment (<see cref="JobRuntime.Peek"/>, the view every body and webhook is written from):
/// when it started and finished, its result and error only in the step they belong to, its progress by polls, the
/// latency its answers wait, and the transitions it hands out.
/// </summary>
public sealed class JobViewTests
{
    private const string Scenario = """
        dialect: docurift
        latency: { default: 9ms }
        jobs:
          - id: job_1
            latency: 4ms
            faults:
              - { on: { poll: 1 }, respond: 500 }
            lifecycle:
              - { status: pending, after: 2s }
              - { status: processing, after: 3s }
              - { status: processing, polls: 3 }
              - { status: completed }
          - id: job_2
            lifecycle:
              - { status: processing, after: 1s }
              - { status: failed }
        """;

    [Fact]
    public void StartedAt_IsWhenTheJobFirstLeftTheQueue_AndFinishedAt_WhenItEnded()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var job = Job(emulator, "job_1");
        var start = EmulatorHarness.DocumentTime;

        job.Peek(start.AddSeconds(1)).StartedAt.Should().BeNull("it is still queued");
        job.Peek(start.AddSeconds(2)).StartedAt.Should().Be(start.AddSeconds(2));
        job.Peek(start.AddSeconds(6)).StartedAt.Should().Be(start.AddSeconds(2), "a later running step does not move it");
        job.Peek(start.AddSeconds(6)).FinishedAt.Should().BeNull();
        Job(emulator, "job_2").Peek(start.AddSeconds(1)).StartedAt.Should().Be(start, "a job that begins running started when it was created");
        Job(emulator, "job_2").Peek(start.AddSeconds(5)).FinishedAt.Should().Be(start.AddSeconds(1));
    }

    [Fact]
    public void AResult_ShowsOnlyOnceCompleted_AndAnError_OnlyOnceFailed()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var running = Job(emulator, "job_2").Peek(EmulatorHarness.DocumentTime);
        var failed = Job(emulator, "job_2").Peek(EmulatorHarness.DocumentTime.AddSeconds(1));

        running.Result.Should().BeNull();
        running.Error.Should().BeNull();
        failed.Result.Should().BeNull();
        failed.Error.Should().NotBeNull();
        Job(emulator, "job_1").Peek(EmulatorHarness.DocumentTime).Result.Should().BeNull("a generated result waits for completion");
    }

    [Fact]
    public void ARunningStepThatEndsByPolls_ShowsProgressByThePollsAnswered()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        Poll(emulator); // the scripted 500 on poll 1

        var progress = Enumerable.Range(0, 4).Select(_ => Poll(emulator).Body.GetProperty("data").GetProperty("progress").GetInt32()).ToList();

        progress.Should().Equal(25, 50, 75, 100);
    }

    [Fact]
    public void AnswersWaitTheJobsLatency_WhenItsStepHasNone_FaultsIncluded()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var fault = Poll(emulator);
        var normal = Poll(emulator);
        var other = emulator.Poll("docurift", DialectRequests.For("docurift", "job_2"));

        fault.StatusCode.Should().Be(500);
        fault.Head.Delay.Should().Be(TimeSpan.FromMilliseconds(4));
        normal.Head.Delay.Should().Be(TimeSpan.FromMilliseconds(4));
        other.Head.Delay.Should().Be(TimeSpan.FromMilliseconds(9), "job_2 has no latency of its own: the scenario's default");
    }

    [Fact]
    public void AnExpiredJobsAnswer_WaitsItsLatencyToo()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            retention: 1m
            jobs:
              - id: job_1
                latency: 4ms
                lifecycle: [{ status: completed }]
            """);
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));

        var expired = Poll(emulator);

        expired.StatusCode.Should().Be(404);
        expired.Head.Delay.Should().Be(TimeSpan.FromMilliseconds(4));
    }

    [Fact]
    public void Transitions_MadeBetweenTwoTakes_AreAllHandedOut_InOrder()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var job = Job(emulator, "job_1");
        job.TakeTransitions();

        job.AdvanceTo(EmulatorHarness.DocumentTime.AddSeconds(5));

        job.HasTransitions.Should().BeTrue();
        job.TakeTransitions().Select(t => (t.From, t.To, t.At)).Should().Equal(
            (JobStatus.Queued, JobStatus.Running, EmulatorHarness.DocumentTime.AddSeconds(2)),
            (JobStatus.Running, JobStatus.Running, EmulatorHarness.DocumentTime.AddSeconds(5)));
        job.HasTransitions.Should().BeFalse();
        job.TakeTransitions().Should().BeEmpty();
    }

    private static JobRuntime Job(EmulatorHarness emulator, string id) =>
        emulator.Engine.FindJob(emulator.Engine.Dialects.Find("docurift")!, id)!;

    private static Answer Poll(EmulatorHarness emulator) => emulator.Poll("docurift", DialectRequests.For("docurift", "job_1"));
}
