using System.Buffers;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Scheduling;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>serve's clocks: manual (moved by hand, timers at their own instants) and scaled (faster than the wall).</summary>
public sealed class ClockModeTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AManualClock_FiresTimersInOrder_ReadingEachOnesInstant()
    {
        var clock = new ManualClock(Start);
        var seen = new List<(string, DateTimeOffset)>();
        using var late = clock.CreateTimer(_ => seen.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => seen.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(1));

        seen.Should().Equal(("early", Start.AddSeconds(10)), ("late", Start.AddSeconds(30)));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(1));
        var back = () => clock.SetUtcNow(Start);
        back.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void AManualClock_RunsTheSchedulersWorkInsideTheMove()
    {
        var clock = new ManualClock(Start);
        using var scheduler = new EmulatorScheduler(clock);
        var ran = new List<DateTimeOffset>();
        scheduler.Schedule(Start.AddSeconds(5), (due, _) =>
        {
            ran.Add(due);
            scheduler.Schedule(due.AddSeconds(10), (retry, _) =>
            {
                ran.Add(retry);
                return ValueTask.CompletedTask;
            });
            return ValueTask.CompletedTask;
        });

        clock.Advance(TimeSpan.FromMinutes(1));

        scheduler.RunsInline.Should().BeTrue();
        ran.Should().Equal(Start.AddSeconds(5), Start.AddSeconds(15));
    }

    [Fact]
    public async Task AScaledClock_RunsFaster_AndSaysRetryAfterInWallSeconds()
    {
        var clock = new ScaledClock(60);
        var before = clock.GetUtcNow();
        await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        (clock.GetUtcNow() - before).Should().BeGreaterThan(TimeSpan.FromSeconds(5), "100 ms of wall time is 6 s of emulator time");

        var scenario = new ScenarioLoader().LoadYaml("version: 1\ndialect: docurift\njobs:\n  - id: job_1\n    lifecycle: [{ status: completed }]\n    faults: [{ on: { poll: 1 }, respond: 429, retry_after: 2m }]\n", "scaled.yaml");
        using var engine = new JobEmulatorEngine(ScenarioSet.Create([scenario]), clock);
        var dialect = engine.Dialects.Find("docurift")!;
        var answer = await new OperationDispatcher(engine).HandleAsync(dialect, dialect.Operations.First(o => o.Kind == OperationKind.Status), DocuRiftUploads.Poll("k", "job_1"), new ArrayBufferWriter<byte>(), TestContext.Current.CancellationToken);

        answer.StatusCode.Should().Be(429);
        answer.RetryAfterSeconds.Should().Be(2, "2 minutes of emulator time are 2 seconds of wall time at 60 times");
    }
}
