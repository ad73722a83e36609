using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

public sealed class EmulatorSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 27, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_PastSeveralEntries_RunsEachInInstantOrder_TellingItsOwnInstant()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = new List<(string Name, DateTimeOffset Due, DateTimeOffset ClockRead)>();
        ScheduledWork Record(string name) => (due, _) =>
        {
            ran.Add((name, due, clock.GetUtcNow()));
            return ValueTask.CompletedTask;
        };

        scheduler.Schedule(Start.AddSeconds(30), Record("c"));
        scheduler.Schedule(Start.AddSeconds(10), Record("a"));
        scheduler.Schedule(Start.AddSeconds(10), Record("b"));
        scheduler.Schedule(Start.AddMinutes(5), Record("later"));

        clock.Advance(TimeSpan.FromMinutes(1));

        ran.Select(r => r.Name).Should().Equal("a", "b", "c");
        ran.Select(r => r.Due).Should().Equal(Start.AddSeconds(10), Start.AddSeconds(10), Start.AddSeconds(30));
        ran.Should().AllSatisfy(r => r.ClockRead.Should().BeOnOrAfter(r.Due), "work is told its own instant, whatever the clock reads by then");
        scheduler.Pending.Should().Be(1);
        scheduler.NextDue.Should().Be(Start.AddMinutes(5));
    }

    [Fact]
    public void Work_ThatSchedulesMoreWithinTheMove_RunsItBeforeTheMoveReturns()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var instants = new List<DateTimeOffset>();
        scheduler.Schedule(Start.AddSeconds(1), (due, _) =>
        {
            instants.Add(due);
            scheduler.Schedule(due.AddSeconds(10), (retry, _) =>
            {
                instants.Add(retry);
                return ValueTask.CompletedTask;
            });
            return ValueTask.CompletedTask;
        });

        clock.Advance(TimeSpan.FromMinutes(1));

        instants.Should().Equal(Start.AddSeconds(1), Start.AddSeconds(11));
        scheduler.Pending.Should().Be(0);
    }

    [Fact]
    public void Clear_DropsWaitingEntries_AndTheSchedulerStaysUsable()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = 0;
        scheduler.Schedule(Start.AddSeconds(1), (_, _) =>
        {
            ran++;
            return ValueTask.CompletedTask;
        });

        scheduler.Clear();
        clock.Advance(TimeSpan.FromSeconds(5));
        scheduler.Schedule(Start.AddSeconds(6), (_, _) =>
        {
            ran += 10;
            return ValueTask.CompletedTask;
        });
        clock.Advance(TimeSpan.FromSeconds(5));

        ran.Should().Be(10);
    }

    [Fact]
    public async Task SystemClock_DueWork_RunsOnItsOwn()
    {
        using var scheduler = new EmulatorScheduler(TimeProvider.System);
        var done = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);

        scheduler.Schedule(TimeProvider.System.GetUtcNow().AddMilliseconds(20), (due, _) =>
        {
            done.TrySetResult(due);
            return ValueTask.CompletedTask;
        });

        var ranFor = await done.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        ranFor.Should().BeBefore(TimeProvider.System.GetUtcNow().AddTicks(1));
        scheduler.RunsInline.Should().BeFalse();
    }

    [Fact]
    public async Task SystemClock_WorkDueNow_RunsWhileEarlierWorkIsStillInFlight()
    {
        // A slow webhook receiver must not hold up a job's next step: on the system clock nothing waits for work in flight.
        using var scheduler = new EmulatorScheduler(TimeProvider.System);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Schedule(TimeProvider.System.GetUtcNow(), async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        scheduler.Schedule(TimeProvider.System.GetUtcNow(), (_, _) =>
        {
            next.TrySetResult();
            return ValueTask.CompletedTask;
        });

        try
        {
            await next.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task SystemClock_AsynchronousWork_IsAwaitedByWhenIdle()
    {
        using var scheduler = new EmulatorScheduler(TimeProvider.System);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Schedule(TimeProvider.System.GetUtcNow(), async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var idle = scheduler.WhenIdleAsync();
        idle.IsCompleted.Should().BeFalse();
        release.SetResult();

        await idle.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AnEntryYearsAway_IsArmedWithoutError_AndRunsWhenTheClockGetsThere()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        DateTimeOffset? ran = null;

        scheduler.Schedule(Start.AddDays(3650), (due, _) =>
        {
            ran = due;
            return ValueTask.CompletedTask;
        });
        clock.Advance(TimeSpan.FromDays(3649));
        ran.Should().BeNull();
        clock.Advance(TimeSpan.FromDays(2));

        ran.Should().Be(Start.AddDays(3650));
    }

    [Fact]
    public void AnEarlierEntryScheduledAfterALaterOne_RunsAtItsOwnInstant()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = new List<DateTimeOffset>();
        ScheduledWork Record() => (due, _) =>
        {
            ran.Add(clock.GetUtcNow());
            return ValueTask.CompletedTask;
        };

        scheduler.Schedule(Start.AddMinutes(10), Record());
        scheduler.Schedule(Start.AddMinutes(1), Record());
        scheduler.NextDue.Should().Be(Start.AddMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(1));

        ran.Should().Equal(Start.AddMinutes(1));
        (scheduler.Pending, scheduler.NextDue).Should().Be((1, Start.AddMinutes(10)));
    }

    [Fact]
    public void AnEntryDueWithinAMillisecond_RunsOnTheNextWholeMillisecond()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = 0;

        scheduler.Schedule(Start.AddTicks(15_000), (_, _) =>
        {
            ran++;
            return ValueTask.CompletedTask;
        });
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterOne = ran;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        (afterOne, ran).Should().Be((0, 1), "1.5 ms is armed as 2 ms, the clock's whole milliseconds");
        (scheduler.Pending, scheduler.NextDue).Should().Be((0, (DateTimeOffset?)null));
    }

    [Fact]
    public void WorkThatThrows_IsCounted_AndTheEntriesAfterItStillRun()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = new List<string>();
        scheduler.Schedule(Start.AddSeconds(1), (_, _) => throw new InvalidOperationException("an emulator bug"));
        scheduler.Schedule(Start.AddSeconds(1), (_, _) => ValueTask.FromException(new InvalidOperationException("another")));
        scheduler.Schedule(Start.AddSeconds(2), (_, _) =>
        {
            ran.Add("after");
            return ValueTask.CompletedTask;
        });

        clock.Advance(TimeSpan.FromSeconds(5));

        scheduler.Failures.Should().Be(2);
        ran.Should().Equal("after");
    }

    [Fact]
    public void OnAClockThatKnowsTheScheduler_WorkThatThrows_FailsTheMove_AndTheSchedulerStaysUsable()
    {
        var clock = new ManualClock(Start);
        using var scheduler = new EmulatorScheduler(clock);
        scheduler.Schedule(Start.AddSeconds(1), (_, _) => throw new InvalidOperationException("an emulator bug"));

        var move = () => clock.Advance(TimeSpan.FromSeconds(2));

        move.Should().Throw<InvalidOperationException>().WithMessage("an emulator bug");
        var ran = false;
        scheduler.Schedule(Start.AddSeconds(3), (_, _) =>
        {
            ran = true;
            return ValueTask.CompletedTask;
        });
        clock.Advance(TimeSpan.FromSeconds(2));
        ran.Should().BeTrue("the runner let go when the work threw");
    }

    [Fact]
    public void OnAClockThatKnowsTheScheduler_AsynchronousWorkThatFails_FailsTheMoveThatRanIt()
    {
        var clock = new ManualClock(Start);
        using var scheduler = new EmulatorScheduler(clock);
        scheduler.Schedule(Start.AddSeconds(1), async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("a late emulator bug");
        });

        var move = () => clock.Advance(TimeSpan.FromSeconds(2));

        move.Should().Throw<InvalidOperationException>().WithMessage("a late emulator bug");
    }

    [Fact]
    public void OnAClockThatKnowsTheScheduler_WorkThatAsynchronousWorkSchedulesForItsInstant_RunsAtThatInstant()
    {
        // A delivery that ends on another thread while the move waits for it, and schedules its follow-up for the
        // instant it ran at: the follow-up runs at that instant, before the clock goes on, not a timer's tick later.
        var clock = new ManualClock(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = new List<(string Name, DateTimeOffset ClockRead)>();
        scheduler.Schedule(Start.AddSeconds(1), async (due, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false);
            lock (ran)
            {
                ran.Add(("delivery", clock.GetUtcNow()));
            }

            scheduler.Schedule(due, (_, _) =>
            {
                lock (ran)
                {
                    ran.Add(("follow-up", clock.GetUtcNow()));
                }

                return ValueTask.CompletedTask;
            });
        });

        clock.Advance(TimeSpan.FromSeconds(2));

        lock (ran)
        {
            ran.Should().Equal(("delivery", Start.AddSeconds(1)), ("follow-up", Start.AddSeconds(1)));
        }

        scheduler.Pending.Should().Be(0);
    }

    [Fact]
    public async Task DelayAsync_OfNoTime_NeverParks_EvenOnADisposedScheduler()
    {
        // A request with no scripted latency is answered while the host shuts down, as every other request is.
        var clock = new FakeTimeProvider(Start);
        var scheduler = new EmulatorScheduler(clock);
        scheduler.Dispose();

        var none = scheduler.DelayAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        await none.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        scheduler.Parked.Should().Be(0);
    }

    [Fact]
    public void AtOneInstant_WorkQueuedBeforeAParkedRequest_RunsBeforeTheRequestIsReleased()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        Task? parked = null;
        bool? releasedFirst = null;
        scheduler.Schedule(Start.AddSeconds(1), (_, _) =>
        {
            releasedFirst = parked!.IsCompleted;
            return ValueTask.CompletedTask;
        });
        parked = scheduler.DelayAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromSeconds(1));

        releasedFirst.Should().BeFalse("entries of one instant run in the order they were queued");
        parked.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task AsynchronousWorkThatFails_IsCounted_WhenItEnds()
    {
        using var scheduler = new EmulatorScheduler(TimeProvider.System);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Schedule(TimeProvider.System.GetUtcNow(), async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
            throw new InvalidOperationException("failed late");
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var before = scheduler.Failures;
        release.SetResult();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        (before, scheduler.Failures).Should().Be((0, 1));
    }

    [Fact]
    public async Task DelayAsync_ParksTheRequestUntilTheClockGetsThere_AndNotAtAllForNoDelay()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);

        var none = scheduler.DelayAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var waiting = scheduler.DelayAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var parked = (scheduler.Parked, scheduler.ParkedClients.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var early = waiting.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        none.IsCompletedSuccessfully.Should().BeTrue();
        parked.Should().Be((1, 1));
        early.Should().BeFalse();
        scheduler.Parked.Should().Be(0);
    }

    [Fact]
    public async Task DelayAsync_EndsAtOnceOnClearAndOnDispose_AndIsCanceledWithItsToken()
    {
        var clock = new FakeTimeProvider(Start);
        var scheduler = new EmulatorScheduler(clock);
        using var cancel = new CancellationTokenSource();

        var cleared = scheduler.DelayAsync(TimeSpan.FromHours(1), TestContext.Current.CancellationToken);
        scheduler.Clear();
        var canceled = scheduler.DelayAsync(TimeSpan.FromHours(1), cancel.Token);
        await cancel.CancelAsync();
        var disposed = scheduler.DelayAsync(TimeSpan.FromHours(1), TestContext.Current.CancellationToken);
        scheduler.Dispose();
        scheduler.Dispose();

        await cleared.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await disposed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        canceled.IsCanceled.Should().BeTrue();
        scheduler.Parked.Should().Be(0);
        var afterDispose = () => scheduler.Schedule(Start, (_, _) => ValueTask.CompletedTask);
        afterDispose.Should().Throw<ObjectDisposedException>();
        Action delayAfterDispose = () => _ = scheduler.DelayAsync(TimeSpan.FromSeconds(1));
        delayAfterDispose.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void WorkInFlight_IsToldOfAClear_ThroughItsToken()
    {
        var clock = new FakeTimeProvider(Start);
        using var scheduler = new EmulatorScheduler(clock);
        CancellationToken seen = default;
        scheduler.Schedule(Start.AddSeconds(1), (_, token) =>
        {
            seen = token;
            return ValueTask.CompletedTask;
        });
        clock.Advance(TimeSpan.FromSeconds(1));

        scheduler.Clear();

        seen.IsCancellationRequested.Should().BeTrue();
    }
}
