using CsCheck;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Scheduling;
using Xunit;

namespace JobEmulator.Core.Tests.Properties;

/// <summary>
/// Properties of <see cref="EmulatorScheduler"/> on a clock that knows it (<see cref="ManualClock"/>), over generated
/// sequences of schedules (some scheduling follow-up work when they run, as a webhook retry does), clock moves and
/// resets: every entry runs exactly once and at its own instant (or at once when that has passed), in (instant,
/// order scheduled) order; nothing due is left behind after a move; a reset drops what waits; same moves, same runs.
/// </summary>
public sealed class SchedulerProperties
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Kind 0-5: schedule in Seconds (0: now) with a follow-up Child seconds after it runs (negative: none);
    // 6-8: move the clock Seconds on; 9: reset.
    private static readonly Gen<(int Kind, int Seconds, int Child)[]> Moves =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 90], Gen.Int[-20, 30]).Array[0, 80];

    [Fact]
    public void EveryEntryRunsOnceAtItsInstant_InOrder_AndNothingDueIsLeftBehind()
    {
        Moves.Sample(moves =>
        {
            var play = Play(moves);

            play.Runs.Select(r => r.Id).Should().OnlyHaveUniqueItems("an entry runs once");
            foreach (var run in play.Runs)
            {
                var entry = play.Entries[run.Id];
                run.Due.Should().Be(entry.Due, "the work is told the instant it was scheduled for");
                run.Now.Should().Be(entry.Due > entry.ScheduledAt ? entry.Due : entry.ScheduledAt, "it runs at its instant, or at once when that has passed");
                entry.DroppedAt.Should().BeNull("a reset drops what waits");
            }

            foreach (var batch in play.Runs.GroupBy(r => r.Batch))
            {
                batch.Select(r => (r.Due, r.Id)).Should().BeInAscendingOrder("within one move, entries run in (instant, order scheduled) order");
            }

            play.LeftBehind.Should().BeEmpty("after every move, nothing due by then still waits");
            play.FinalPending.Should().Be(play.Entries.Count(e => e.DroppedAt is null && !play.Runs.Any(r => r.Id == e.Id)));
        }, iter: 1_500);
    }

    [Fact]
    public void TheSameMoves_RunTheSameEntries_AtTheSameInstants()
    {
        Moves.Sample(moves =>
        {
            Play(moves).Runs.Should().Equal(Play(moves).Runs);
        }, iter: 500);
    }

    private static Played Play((int Kind, int Seconds, int Child)[] moves)
    {
        var clock = new ManualClock(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var played = new Played();
        var batch = 0;

        void Add(DateTimeOffset due, int child)
        {
            var id = played.Entries.Count;
            played.Entries.Add(new Entry(id, due, clock.GetUtcNow()));
            scheduler.Schedule(due, (d, _) =>
            {
                played.Runs.Add(new Run(id, d, clock.GetUtcNow(), batch));
                if (child >= 0)
                {
                    Add(d + TimeSpan.FromSeconds(child), -1);
                }

                return ValueTask.CompletedTask;
            });
        }

        foreach (var (kind, seconds, child) in moves)
        {
            batch++;
            if (kind <= 5)
            {
                Add(clock.GetUtcNow() + TimeSpan.FromSeconds(seconds), child);
            }
            else if (kind <= 8)
            {
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }
            else
            {
                scheduler.Clear();
                foreach (var entry in played.Entries.Where(e => e.DroppedAt is null && !played.Runs.Any(r => r.Id == e.Id)))
                {
                    entry.DroppedAt = clock.GetUtcNow();
                }
            }

            var now = clock.GetUtcNow();
            played.LeftBehind.AddRange(played.Entries.Where(e => e.DroppedAt is null && e.Due <= now && !played.Runs.Any(r => r.Id == e.Id)).Select(e => e.Id));
        }

        played.FinalPending = scheduler.Pending;
        return played;
    }

    private sealed record Run(int Id, DateTimeOffset Due, DateTimeOffset Now, int Batch);

    private sealed record Entry(int Id, DateTimeOffset Due, DateTimeOffset ScheduledAt)
    {
        public DateTimeOffset? DroppedAt { get; set; }
    }

    private sealed class Played
    {
        public List<Entry> Entries { get; } = [];

        public List<Run> Runs { get; } = [];

        public List<int> LeftBehind { get; } = [];

        public int FinalPending { get; set; }
    }
}
