using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>How a job moves through its steps: by polls, by the clock, whichever comes first.</summary>
public sealed class JobLifecycleTests
{
    private static string Scenario(string lifecycle, string extra = "") => $"""
        dialect: docurift
        {extra}
        jobs:
          - id: job_1
            lifecycle:
        {lifecycle}
        """;

    private static Answer Poll(EmulatorHarness emulator, string id = "job_1") =>
        emulator.Poll("docurift", new FakeRequest().Route("id", id).Header("X-API-Key", "k"));

    private static string StatusOf(Answer answer) => answer.Body.GetProperty("data").GetProperty("status").GetString()!;

    [Fact]
    public void Poll_StepWithPolls_LeavesAfterThatManyPolls()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: pending, polls: 2 }
                  - { status: processing, polls: 1 }
                  - { status: completed }
            """));

        var statuses = Enumerable.Range(0, 5).Select(_ => StatusOf(Poll(emulator))).ToList();

        statuses.Should().Equal("pending", "pending", "processing", "completed", "completed");
    }

    [Fact]
    public void Poll_StepWithAfter_LeavesWhenTheClockPassesIt()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: pending, after: 3s }
                  - { status: completed }
            """));

        emulator.Clock.Advance(TimeSpan.FromMilliseconds(2999));
        StatusOf(Poll(emulator)).Should().Be("pending");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        StatusOf(Poll(emulator)).Should().Be("completed");
    }

    [Fact]
    public void Poll_PollsAndAfter_WhicheverComesFirstEndsTheStep()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: pending, polls: 3, after: 10s }
                  - { status: processing, polls: 2, after: 10s }
                  - { status: completed }
            """));

        StatusOf(Poll(emulator)).Should().Be("pending");
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        StatusOf(Poll(emulator)).Should().Be("processing", "10 s passed before the third poll");
        StatusOf(Poll(emulator)).Should().Be("processing");
        StatusOf(Poll(emulator)).Should().Be("completed", "two polls came before 10 s");
    }

    [Fact]
    public void Poll_AfterLongSilence_CatchesUpThroughSeveralTimedStepsAtTheirExactInstants()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: pending, after: 2s }
                  - { status: processing, after: 20m }
                  - { status: completed }
            """));

        emulator.Clock.Advance(TimeSpan.FromHours(1));
        var data = Poll(emulator).Body.GetProperty("data");

        data.GetProperty("status").GetString().Should().Be("completed");
        data.GetProperty("completedAt").GetString().Should().Be("2024-01-27T10:50:02Z", "2 s queued plus 20 min processing");
        data.GetProperty("updatedAt").GetString().Should().Be("2024-01-27T10:50:02Z");
    }

    [Fact]
    public void Poll_ScriptedProgress_GivesOneValuePerPollAndRepeatsTheLast()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: processing, polls: 5, progress: [10, 45, 80] }
                  - { status: completed }
            """));

        var progress = Enumerable.Range(0, 6).Select(_ => Poll(emulator).Body.GetProperty("data").GetProperty("progress").GetInt32()).ToList();

        progress.Should().Equal(10, 45, 80, 80, 80, 100);
    }

    [Fact]
    public void Poll_UnscriptedRunningProgress_RisesWithTheClockAndStaysBelow100()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: processing, after: 100s }
                  - { status: completed }
            """));

        var seen = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(Poll(emulator).Body.GetProperty("data").GetProperty("progress").GetInt32());
            emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        seen.Should().BeInAscendingOrder().And.OnlyContain(p => p >= 1 && p <= 99);
        seen.Should().Equal(1, 30, 60, 90);
    }

    [Fact]
    public void Poll_ScriptedFault_AnswersItOnThatRequestWithoutConsumingALifecyclePoll()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            jobs:
              - id: job_1
                lifecycle:
                  - { status: pending, polls: 2 }
                  - { status: completed }
                faults:
                  - on: { poll: 2 }
                    respond: 429
                    retry_after: 1500ms
            """);

        var answers = Enumerable.Range(0, 4).Select(_ => Poll(emulator)).ToList();

        answers.Select(a => a.StatusCode).Should().Equal(200, 429, 200, 200);
        answers[1].Head.RetryAfterSeconds.Should().Be(2, "Retry-After is whole seconds, rounded up");
        answers[1].Body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
        StatusOf(answers[2]).Should().Be("pending", "the faulted request did not count as a lifecycle poll");
        StatusOf(answers[3]).Should().Be("completed");
    }

    [Fact]
    public void Poll_TerminalJob_StaysTerminal()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: failed }
            """));

        for (var i = 0; i < 3; i++)
        {
            emulator.Clock.Advance(TimeSpan.FromDays(1));
            StatusOf(Poll(emulator)).Should().Be("failed");
        }
    }

    [Fact]
    public void Poll_ScenarioRetention_OverridesTheDialectDefault()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario("""
                  - { status: completed }
            """, "retention: 1h"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(59));
        Poll(emulator).StatusCode.Should().Be(200);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        Poll(emulator).StatusCode.Should().Be(404);
    }
}
