using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>The request journal: what it records, in what order, and that it stays bounded.</summary>
public sealed class RequestJournalTests
{
    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    private static void Record(RequestJournal journal, string jobId, int status = 200) =>
        journal.Record(T0, "GET", "/v1/jobs/" + jobId, string.Empty, "docurift", jobId, "k", status, null, null, "pending");

    // Dedicated threads, released together, each recording its own distinct job ids.
    private static async Task RecordFromThreads(RequestJournal journal, int threads, int perThread)
    {
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.Wait();
                for (var i = 0; i < perThread; i++)
                {
                    Record(journal, $"job_{t}_{i}");
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        start.Set();
        await Task.WhenAll(writers);
    }

    [Fact]
    public void Snapshot_KeepsOnlyTheLastCapacityEntries_OldestFirst_AndCountsTheDropped()
    {
        var journal = new RequestJournal(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            Record(journal, "job_" + i);
        }

        journal.Snapshot().Select(e => e.JobId).Should().Equal("job_3", "job_4", "job_5");
        journal.Snapshot().Select(e => e.Sequence).Should().Equal(3, 4, 5);
        journal.TotalRecorded.Should().Be(5);
        journal.Dropped.Should().Be(2);
    }

    [Fact]
    public void Clear_ForgetsEverything_AndLaterEntriesAreKept()
    {
        var journal = new RequestJournal(capacity: 3);
        Record(journal, "before");
        Record(journal, "before");

        journal.Clear();
        journal.Snapshot().Should().BeEmpty();
        journal.TotalRecorded.Should().Be(0);
        Record(journal, "after");

        journal.Snapshot().Select(e => e.JobId).Should().Equal("after");
    }

    [Fact]
    public void CapacityZero_RecordsNothing()
    {
        var journal = new RequestJournal(capacity: 0);
        Record(journal, "job_1");

        journal.IsEnabled.Should().BeFalse();
        journal.Snapshot().Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(RequestJournal.MaxCapacity + 1)]
    public void Capacity_OutOfRange_IsRefused(int capacity)
    {
        var create = () => new RequestJournal(capacity);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task ConcurrentRecording_LosesNothing_WithinCapacity()
    {
        var journal = new RequestJournal(capacity: 8 * 500);
        await RecordFromThreads(journal, threads: 8, perThread: 500);

        var entries = journal.Snapshot();
        entries.Should().HaveCount(4000);
        entries.Select(e => e.JobId).Should().OnlyHaveUniqueItems();
        entries.Select(e => e.Sequence).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task ConcurrentRecording_PastCapacity_KeepsExactlyTheNewestEntries()
    {
        var journal = new RequestJournal(capacity: 64);
        await RecordFromThreads(journal, threads: 8, perThread: 5000);

        journal.Snapshot().Select(e => e.Sequence).Should().Equal(Enumerable.Range(40_000 - 63, 64).Select(i => (long)i));
        journal.Dropped.Should().Be(40_000 - 64);
    }

    [Fact]
    public void StatusEndpoint_RecordsEachAnswer_WithCredentialStatusAndClockTime()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            auth: { keys: [good] }
            jobs:
              - id: job_1
                lifecycle:
                  - { status: processing, polls: 1 }
                  - { status: completed }
                faults:
                  - { on: { poll: 2 }, respond: 429, retry_after: 3s }
            """);

        emulator.Poll("docurift", new FakeRequest { Path = "/v1/jobs/job_1" }.Route("id", "job_1").Header("X-API-Key", "good"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        emulator.Poll("docurift", new FakeRequest { Path = "/v1/jobs/job_1" }.Route("id", "job_1").Header("X-API-Key", "good"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(3));
        emulator.Poll("docurift", new FakeRequest { Path = "/v1/jobs/job_1" }.Route("id", "job_1").Header("X-API-Key", "good"));
        emulator.Poll("docurift", new FakeRequest { Path = "/v1/jobs/nope" }.Route("id", "nope").Header("X-API-Key", "bad"));

        var entries = emulator.Engine.Journal.Snapshot();
        entries.Select(e => (e.StatusCode, e.Status, e.Outcome)).Should().Equal(
            (200, JobStatus.Running, "processing"),
            (429, null, "scripted-fault"),
            (200, JobStatus.Completed, "completed"),
            (401, null, "invalid-credentials"));
        entries.Select(e => e.Time - EmulatorHarness.DocumentTime).Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        entries[1].RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
        entries.Select(e => e.Credential).Should().Equal("good", "good", "good", "bad");
        entries[0].Should().Match<JournalEntry>(e => e.Method == "GET" && e.Path == "/v1/jobs/job_1" && e.Dialect == "docurift" && e.JobId == "job_1");
        entries[2].IsTerminal.Should().BeTrue();
    }
}
