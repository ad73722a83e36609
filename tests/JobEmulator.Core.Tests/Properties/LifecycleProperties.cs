using CsCheck;
using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Properties;

/// <summary>
/// Properties of a job's lifecycle over generated scripts and generated sequences of polls and waits (CsCheck, with
/// shrinking to the smallest failing case): steps only move forward, a terminal status absorbs, every poll is counted
/// exactly once, and the same script and sequence always give the same answers.
/// </summary>
public sealed class LifecycleProperties
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A non-terminal step ends by polls, by time, or by whichever comes first; the last step is completed or failed.
    private static readonly Gen<(int? Polls, int? AfterSeconds)> Step =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 90], Gen.Int[0, 2], (polls, after, kind) => kind switch
        {
            0 => ((int?)Math.Max(1, polls), (int?)null),
            1 => (null, Math.Max(1, after)),
            _ => (Math.Max(1, polls), Math.Max(1, after)),
        });

    private static readonly Gen<(int? Polls, int? AfterSeconds)[]> Steps = Step.Array[0, 5];

    // A client's moves: poll now (zero or less: about half the moves), or wait a number of seconds.
    private static readonly Gen<int[]> Moves = Gen.Int[-40, 40].Array[0, 60];

    [Fact]
    public void StepsOnlyMoveForward_TerminalAbsorbs_AndEveryPollIsCountedOnce()
    {
        Gen.Select(Steps, Gen.Bool, Moves).Sample((steps, fails, moves) =>
        {
            var job = NewJob(steps, fails);
            var now = Start;
            var polls = 0;
            var lastStep = 0;
            JobStatus? terminal = null;
            foreach (var move in moves)
            {
                if (move > 0)
                {
                    // A wait.
                    now += TimeSpan.FromSeconds(move);
                    continue;
                }

                var outcome = job.Poll(now);
                polls++;
                var step = job.StepAt(now);
                step.Should().BeGreaterThanOrEqualTo(lastStep, "steps only move forward");
                lastStep = step;
                if (terminal is { } absorbed)
                {
                    outcome.Job.Status.Should().Be(absorbed, "a terminal status absorbs");
                }

                if (outcome.Job.Status is JobStatus.Completed or JobStatus.Failed)
                {
                    terminal ??= outcome.Job.Status;
                }
            }

            job.Requests.Should().Be(polls, "every poll is counted exactly once");
            if (terminal is not null)
            {
                terminal.Should().Be(fails ? JobStatus.Failed : JobStatus.Completed);
            }
        }, iter: 2_000);
    }

    [Fact]
    public void TheSameScriptAndMoves_GiveTheSameAnswers()
    {
        Gen.Select(Steps, Gen.Bool, Moves).Sample((steps, fails, moves) =>
        {
            Play(steps, fails, moves).Should().Equal(Play(steps, fails, moves));
        }, iter: 500);
    }

    private static List<(JobStatus Status, int Progress, int Step)> Play((int? Polls, int? AfterSeconds)[] steps, bool fails, int[] moves)
    {
        var job = NewJob(steps, fails);
        var now = Start;
        var seen = new List<(JobStatus, int, int)>();
        foreach (var move in moves)
        {
            now += TimeSpan.FromSeconds(Math.Max(0, move));
            var outcome = job.Poll(now);
            seen.Add((outcome.Job.Status, outcome.Job.Progress, job.StepAt(now)));
        }

        return seen;
    }

    private static JobRuntime NewJob((int? Polls, int? AfterSeconds)[] steps, bool fails)
    {
        var lifecycle = steps
            .Select((step, i) => new LifecycleStep(i == 0 ? JobStatus.Queued : JobStatus.Running, step.Polls, step.AfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, null, null, null))
            .Append(new LifecycleStep(fails ? JobStatus.Failed : JobStatus.Completed, null, null, null, null, null))
            .ToList();
        var dialect = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("docurift")!;
        var script = new JobScript("job_property", lifecycle, [], [.. dialect.JobFields.Select(_ => JsonFragment.Null)], null, new SourcePosition(1, 1));
        var scenario = new Scenario("properties", "properties.yaml", dialect, 7, ScenarioAuth.AnyKey, [script], null);
        return new JobRuntime(script, scenario, Start);
    }
}
