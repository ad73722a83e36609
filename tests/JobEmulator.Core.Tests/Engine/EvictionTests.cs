using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Which job a full store lets go to make room, as a client sees it (the job it names answers 404, the others as
/// before): jobs past their scenario's retention first, then finished jobs in the order they finished; never a live one.
/// </summary>
public sealed class EvictionTests
{
    [Fact]
    public void AFullStore_LetsTheJobThatFinishedFirstGo_NotTheOneSubmittedFirst()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: processing, after: 30s }, { status: completed }]
              - when: { nth: 2 }
                lifecycle: [{ status: processing, after: 10s }, { status: completed }]
              - lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 3 });
        var (first, second, running) = (Submit(emulator, "k"), Submit(emulator, "k"), Submit(emulator, "k"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(40));

        var fourth = Send(emulator, "k").StatusCode;
        var afterFourth = new[] { first, second, running }.Select(id => Poll(emulator, "k", id)).ToList();
        var fifth = Send(emulator, "k").StatusCode;
        var afterFifth = Poll(emulator, "k", first);
        var sixth = Send(emulator, "k").StatusCode;

        (fourth, fifth, sixth).Should().Be((202, 202, 429), "once the finished jobs are gone, only live ones are left");
        afterFourth.Should().Equal(200, 404, 200);
        afterFifth.Should().Be(404);
        Poll(emulator, "k", running).Should().Be(200);
    }

    [Fact]
    public void AJobAtItsRetention_GoesBeforeAnOlderFinishedJobThatIsKept()
    {
        var emulator = EmulatorHarness.FromYamls(["""
            name: kept
            dialect: docurift
            auth: { keys: [kept] }
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """, """
            name: brief
            dialect: docurift
            auth: { keys: [brief] }
            retention: 30s
            submitted_jobs:
              lifecycle: [{ status: processing, after: 5s }, { status: completed }]
            """], options: new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        var kept = Submit(emulator, "kept");
        var brief = Submit(emulator, "brief");
        emulator.Clock.Advance(TimeSpan.FromSeconds(35));

        var third = Send(emulator, "kept").StatusCode;

        third.Should().Be(202);
        Poll(emulator, "kept", kept).Should().Be(200, "the job finished first, but its scenario keeps it");
        Poll(emulator, "brief", brief).Should().Be(404, "it finished at 5 s, and 30 s later it reached its retention");
    }

    [Fact]
    public void AFullStoreOfLiveJobs_TakesASubmissionAgain_OnceTheFirstOfThemIsPastItsDeadline()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: processing, after: 1m }, { status: completed }]
              - lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        Submit(emulator, "k");
        Submit(emulator, "k");

        var full = Send(emulator, "k").StatusCode;
        emulator.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = Send(emulator, "k").StatusCode;

        (full, later).Should().Be((429, 202));
    }

    [Fact]
    public void AStoreEmptiedOfExpiredJobs_KeepsTakingSubmissions_AsLaterJobsExpire()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            retention: 10s
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        var answers = new List<int> { Send(emulator, "k").StatusCode, Send(emulator, "k").StatusCode };

        emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        answers.Add(Send(emulator, "k").StatusCode);
        answers.Add(Send(emulator, "k").StatusCode);
        emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        answers.Add(Send(emulator, "k").StatusCode);

        answers.Should().Equal(202, 202, 202, 202, 202);
    }

    [Fact]
    public void ABatchIntoAFullStore_LetsAsManyFinishedJobsGo_AsItHasFiles()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 3 });
        Core.Dialects.Submissions.RequestBody Files(params string[] names) => Core.Dialects.Submissions.RequestBody.Read(
            new Dictionary<string, string> { ["organization_id"] = "o" }, [.. names.Select(n => new Core.Dialects.Submissions.SubmittedFile("files[]", n, null, 10))]);
        Answer Batch(params string[] names) =>
            emulator.Send("aitronos", OperationKind.BatchSubmit, new FakeRequest { Method = "POST", Body = Files(names) }.Header("X-API-Key", "k"));
        var first = Batch("a.pdf", "b.pdf", "c.pdf").Body.GetProperty("job_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));

        var second = Batch("d.pdf", "e.pdf");

        second.StatusCode.Should().Be(200, second.Text);
        first.Select(id => emulator.Poll("aitronos", new FakeRequest().Header("X-API-Key", "k").Route("job_id", id)).StatusCode).Count(code => code == 404).Should().Be(2);
        emulator.Engine.JobCount.Should().Be(3);
    }

    [Fact]
    public void AFullStoreWhoseJobsAllExpired_TakesSubmissionsAgain_WhenTheJobsThatReplacedThemExpireInTurn()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            retention: 10s
            submitted_jobs:
              lifecycle: [{ status: processing, after: 5s }, { status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        var first = new[] { Submit(emulator, "k"), Submit(emulator, "k") };
        emulator.Clock.Advance(TimeSpan.FromSeconds(6));
        var seenFinished = first.Select(id => Poll(emulator, "k", id)).ToList();

        emulator.Clock.Advance(TimeSpan.FromSeconds(14));
        var answers = new List<int> { Send(emulator, "k").StatusCode, Send(emulator, "k").StatusCode };
        emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        answers.Add(Send(emulator, "k").StatusCode);

        seenFinished.Should().Equal(200, 200);
        answers.Should().Equal([202, 202, 202], "each pair finished 5 s after it came and expired 10 s later, before the next pair came");
    }

    private static Answer Send(EmulatorHarness emulator, string key) => emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key));

    private static string Submit(EmulatorHarness emulator, string key) => Send(emulator, key).Body.GetProperty("data").GetProperty("id").GetString()!;

    private static int Poll(EmulatorHarness emulator, string key, string id) => emulator.Poll("docurift", DocuRiftUploads.Poll(key, id)).StatusCode;
}
