using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// "Advance a job" (the admin API's <c>POST /__admin/jobs/{dialect}/{id}/advance</c>): to its next step or to the
/// first later step with a status, at the clock's instant, as a client then sees it.
/// </summary>
public sealed class ManualAdvanceTests
{
    private const string Scenario = """
        dialect: docurift
        jobs:
          - id: job_1
            lifecycle:
              - { status: pending, after: 1h }
              - { status: processing, after: 10s }
              - { status: processing, after: 1h, progress: 90 }
              - { status: failed, error: { code: OCR_FAILED, message: Unreadable } }
        """;

    [Fact]
    public void Advance_MovesToTheNextStep_AtTheClocksInstant_AndItsAfterCountsFromThere()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromSeconds(30));

        emulator.Engine.Advance(Job(emulator)).Should().BeTrue();

        var processing = Poll(emulator);
        Status(processing).Should().Be("processing");
        processing.Body.GetProperty("data").GetProperty("updatedAt").GetString().Should().Be("2024-01-27T10:30:30Z", "the step began when it was advanced");
        Job(emulator).NextDeadline.Should().Be(EmulatorHarness.DocumentTime.AddSeconds(40), "the step's 10 s run from the advance");
        emulator.Clock.Advance(TimeSpan.FromSeconds(9));
        Status(Poll(emulator)).Should().Be("processing");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Poll(emulator).Body.GetProperty("data").GetProperty("progress").GetInt32().Should().Be(90, "the second processing step began at 40 s");
    }

    [Fact]
    public void AdvanceToAStatus_SkipsToTheFirstLaterStepWithIt_AndAFinishedJobGoesNowhere()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        emulator.Engine.Advance(Job(emulator), JobStatus.Failed).Should().BeTrue();
        var failed = Poll(emulator);
        emulator.Engine.Advance(Job(emulator)).Should().BeFalse("a terminal step has no step after it to move to");

        Status(failed).Should().Be("failed");
        failed.Body.GetProperty("data").GetProperty("error").GetProperty("code").GetString().Should().Be("OCR_FAILED");
        Status(Poll(emulator)).Should().Be("failed");
        Job(emulator).History.Select(c => (c.From, c.To, c.At)).Should().Equal((JobStatus.Queued, JobStatus.Failed, EmulatorHarness.DocumentTime));
    }

    [Fact]
    public void AdvanceToAStatusNoLaterStepHas_ChangesNothing()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Engine.Advance(Job(emulator), JobStatus.Running).Should().BeTrue();

        emulator.Engine.Advance(Job(emulator), JobStatus.Queued).Should().BeFalse("no step after processing is pending");
        emulator.Engine.Advance(Job(emulator), JobStatus.Completed).Should().BeFalse("no step completes");

        Status(Poll(emulator)).Should().Be("processing");
        Job(emulator).History.Should().ContainSingle();
    }

    [Fact]
    public void Advance_CatchesTheClockUpFirst_SoTheStepAfterTheDueOneIsEntered()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromHours(1));

        emulator.Engine.Advance(Job(emulator)).Should().BeTrue();

        Poll(emulator).Body.GetProperty("data").GetProperty("progress").GetInt32().Should().Be(90, "pending ended at 1 h by the clock; the advance then left the first processing step");
        Job(emulator).History.Select(c => (c.To, c.At)).Should().Equal((JobStatus.Running, EmulatorHarness.DocumentTime.AddHours(1)), (JobStatus.Running, EmulatorHarness.DocumentTime.AddHours(1)));
    }

    private static Core.Engine.JobRuntime Job(EmulatorHarness emulator) =>
        emulator.Engine.FindJob(emulator.Engine.Dialects.Find("docurift")!, "job_1")!;

    private static Answer Poll(EmulatorHarness emulator) => emulator.Poll("docurift", DialectRequests.For("docurift", "job_1"));

    private static string Status(Answer answer) => answer.Body.GetProperty("data").GetProperty("status").GetString()!;
}
