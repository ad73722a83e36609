using System.Globalization;
using System.Text;
using CsCheck;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Properties;

/// <summary>
/// Properties of how transitions are announced, over generated scenarios (up to four jobs whose steps end by polls,
/// by time or both), one to three subscribers, and generated sequences of polls and clock moves on a fake clock:
/// each subscriber hears every transition of every job exactly once, in order, at the instant it happened (timed
/// ones with nobody polling), and the same scenario and moves give the same announcements and answers.
/// </summary>
public sealed class AnnouncementProperties
{
    private static readonly Gen<(int? Polls, int? AfterSeconds)> Step =
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 60], Gen.Int[0, 2], (polls, after, kind) => kind switch
        {
            0 => ((int?)polls, (int?)null),
            1 => (null, after),
            _ => (polls, after),
        });

    private static readonly Gen<((int? Polls, int? AfterSeconds)[] Steps, bool Fails)[]> Jobs =
        Gen.Select(Step.Array[0, 4], Gen.Bool).Array[1, 4];

    // A move: poll job (Move % jobs) when Move is 0-99, else move the clock (Move - 100) seconds.
    private static readonly Gen<int[]> Moves = Gen.Int[0, 160].Array[0, 50];

    [Fact]
    public void EverySubscriber_HearsEveryTransitionOfEveryJob_ExactlyOnce_InOrder_AtItsInstant()
    {
        Gen.Select(Jobs, Gen.Int[1, 3], Moves).Sample((jobs, subscribers, moves) =>
        {
            var (heard, history, _) = Play(jobs, subscribers, moves);

            foreach (var subscriber in heard)
            {
                subscriber.Should().Equal(history, "a subscriber hears each transition once, in order, at its instant");
            }
        }, iter: 600);
    }

    [Fact]
    public void TheSameScenarioAndMoves_GiveTheSameAnnouncementsAndAnswers()
    {
        Gen.Select(Jobs, Moves).Sample((jobs, moves) =>
        {
            var first = Play(jobs, 2, moves);
            var second = Play(jobs, 2, moves);

            second.Heard[0].Should().Equal(first.Heard[0]);
            second.Answers.Should().Equal(first.Answers);
        }, iter: 300);
    }

    private static (List<List<string>> Heard, List<string> History, List<string> Answers) Play(((int? Polls, int? AfterSeconds)[] Steps, bool Fails)[] jobs, int subscribers, int[] moves)
    {
        // The clock that knows the scheduler, as every test clock and `--clock manual` are: what falls due during a move
        // is announced before the move returns. (On a plain FakeTimeProvider, work that falls due while other work runs
        // goes to the thread pool, as on the system clock, so it could be heard just after the move.)
        var clock = new ManualClock(EmulatorHarness.DocumentTime);
        using var engine = new JobEmulatorEngine(ScenarioSet.Create([new ScenarioLoader().LoadYaml(Yaml(jobs), "announcements.yaml")]), clock);
        var docurift = engine.Dialects.Find("docurift")!;
        var listeners = Enumerable.Range(0, subscribers).Select(_ => new Listener(clock)).ToList();
        listeners.ForEach(engine.AddObserver);
        var runtimes = jobs.Select((_, i) => engine.FindJob(docurift, JobId(i))!).ToList();
        runtimes.ForEach(engine.Watch);
        var answers = new List<string>();

        foreach (var move in moves)
        {
            if (move < 100)
            {
                var job = runtimes[move % runtimes.Count];
                var outcome = engine.Poll(job, clock.GetUtcNow());
                answers.Add($"{job.Script.Id} {outcome.Job.Status} {outcome.Job.Progress}");
            }
            else
            {
                clock.Advance(TimeSpan.FromSeconds(move - 100));
            }
        }

        clock.Advance(TimeSpan.FromDays(1));

        // Jobs are heard interleaved; each job's own transitions must come in the order they happened.
        var history = runtimes.SelectMany(job => job.History.Select(t => Describe(job, t))).ToList();
        return ([.. listeners.Select(l => InJobOrder(l.Heard, runtimes))], history, answers);
    }

    private static List<string> InJobOrder(List<string> heard, List<JobRuntime> jobs) =>
        [.. jobs.SelectMany(job => heard.Where(line => line.StartsWith(job.Script.Id + " ", StringComparison.Ordinal)))];

    private static string JobId(int i) => "job_announce" + i.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JobRuntime job, JobStepChange transition) =>
        $"{job.Script.Id} {transition.At:O} {transition.From}->{transition.To}";

    private static string Yaml(((int? Polls, int? AfterSeconds)[] Steps, bool Fails)[] jobs)
    {
        var yaml = new StringBuilder("version: 1\nname: announcements\ndialect: docurift\njobs:\n");
        for (var i = 0; i < jobs.Length; i++)
        {
            yaml.Append("  - id: ").Append(JobId(i)).Append("\n    lifecycle:\n");
            var (steps, fails) = jobs[i];
            for (var s = 0; s < steps.Length; s++)
            {
                yaml.Append("      - { status: ").Append(s == 0 ? "pending" : "processing");
                if (steps[s].Polls is { } polls)
                {
                    yaml.Append(", polls: ").Append(polls);
                }

                if (steps[s].AfterSeconds is { } after)
                {
                    yaml.Append(", after: ").Append(after).Append('s');
                }

                yaml.Append(" }\n");
            }

            yaml.Append("      - { status: ").Append(fails ? "failed" : "completed").Append(" }\n");
        }

        return yaml.ToString();
    }

    // One subscriber: records what it hears, in the order heard, for every job; a transition is written down with the
    // clock's time when it was heard, so one heard late (after its instant) never equals the job's history.
    private sealed class Listener(TimeProvider clock) : IJobObserver
    {
        public List<string> Heard { get; } = [];

        public bool Observes(JobRuntime job) => true;

        public void OnTransitions(JobRuntime job, IReadOnlyList<JobTransition> transitions)
        {
            var now = clock.GetUtcNow();
            lock (Heard)
            {
                Heard.AddRange(transitions.Select(t => Describe(job, new JobStepChange(t.From, t.To, now))));
            }
        }
    }
}
