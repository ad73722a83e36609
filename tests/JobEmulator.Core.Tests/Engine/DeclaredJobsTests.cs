using System.Collections.Concurrent;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Declared jobs nobody listens to are kept as scripts until first asked for, then made live from the instant their
/// scenario was loaded: they answer exactly as jobs live all along would, are counted, unloaded and evicted the same.
/// </summary>
public sealed class DeclaredJobsTests
{
    private const string Yaml = """
        version: 1
        name: declared
        dialect: docurift
        jobs:
          - id: job_timed
            lifecycle:
              - { status: pending, after: 3s }
              - { status: processing, after: 20s }
              - { status: completed }
          - id: job_polled
            lifecycle:
              - { status: pending, polls: 1 }
              - { status: completed }
        """;

    [Fact]
    public void AJobFirstAskedForLate_AnswersAsIfLiveAllAlong_WithTransitionsAtTheirInstants()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));

        var job = harness.Engine.FindJob(harness.Engine.Dialects.Find("docurift")!, "job_timed")!;
        var outcome = harness.Engine.Poll(job, harness.Clock.GetUtcNow());

        job.CreatedAt.Should().Be(EmulatorHarness.DocumentTime, "its clock started when the scenario was loaded");
        outcome.Job.Status.Should().Be(JobStatus.Running);
        job.History.Select(t => t.At).Should().Equal(EmulatorHarness.DocumentTime.AddSeconds(3));
    }

    [Fact]
    public void JobsNotAskedFor_AreCounted_AndEveryFindOfOneGivesTheSameJob_EvenAllAtOnce()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;
        var found = new ConcurrentBag<object>();

        harness.Engine.JobCount.Should().Be(2);
        Parallel.For(0, 64, _ => found.Add(harness.Engine.FindJob(docurift, "job_polled")!));

        found.Distinct().Should().ContainSingle();
        harness.Engine.JobCount.Should().Be(2);
        harness.Engine.FindJob(docurift, "job_nothing").Should().BeNull();
    }

    [Fact]
    public void UnloadingAScenario_DropsItsJobs_AskedForOrNot()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;
        harness.Engine.FindJob(docurift, "job_timed").Should().NotBeNull();

        harness.Engine.Unload("declared").Should().BeTrue();

        harness.Engine.JobCount.Should().Be(0);
        harness.Engine.FindJob(docurift, "job_timed").Should().BeNull();
        harness.Engine.FindJob(docurift, "job_polled").Should().BeNull();
    }

    [Fact]
    public void ListingJobs_MakesEveryDeclaredJobLive_AndAJobLoadedLaterCannotReuseAnUnaskedId()
    {
        var harness = EmulatorHarness.FromYaml(Yaml);
        var docurift = harness.Engine.Dialects.Find("docurift")!;

        harness.Engine.JobsOf(docurift).Select(j => j.Script.Id).Should().BeEquivalentTo(["job_timed", "job_polled"]);

        var again = () => harness.Engine.Load(new ScenarioLoader().LoadYaml("version: 1\nname: other\ndialect: docurift\njobs:\n  - id: job_polled\n    lifecycle: [{ status: completed }]\n"));
        again.Should().Throw<ScenarioValidationException>().WithMessage("*job_polled*");
        harness.Engine.JobCount.Should().Be(2);
    }

    [Fact]
    public void EachScenariosDeclaredJob_AnswersWithItsOwnScript_InWhateverOrderTheyAreAskedFor()
    {
        var harness = EmulatorHarness.FromYamls([
            "name: a\ndialect: docurift\njobs:\n  - id: job_a\n    lifecycle: [{ status: completed }]\n",
            "name: b\ndialect: docurift\njobs:\n  - id: job_b\n    lifecycle: [{ status: failed, error: scripted for b }]\n",
        ]);

        var b = harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_b"));
        var a = harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_a"));

        (b.StatusCode, a.StatusCode).Should().Be((200, 200));
        b.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("failed");
        a.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public void AnIdTheClientChooses_IsRefused_WhenADeclaredJobHasIt_EvenOneNobodyAskedFor()
    {
        var harness = EmulatorHarness.FromYaml("""
            dialect: deepaffects
            jobs:
              - id: my-request-1
                lifecycle: [{ status: completed }]
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """);
        var operation = harness.Engine.Dialects.Find("deepaffects")!.Operations.First(o => o.Kind == OperationKind.Submit);
        Answer Submit(string id) => harness.Send("deepaffects", operation, new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["content"] = "UklGRg==", ["encoding"] = "wav", ["languageCode"] = "en-US" }, []),
        }.Route("area", "audio").Route("api", "diarize").Query("apikey", "k").Query("request_id", id));

        var taken = Submit("my-request-1");
        var free = Submit("my-request-2");
        var again = Submit("my-request-2");

        (taken.StatusCode, free.StatusCode, again.StatusCode).Should().Be((400, 200, 400));
        harness.Journal().Select(e => e.Outcome).Should().Equal("id-unavailable", "Completed", "id-unavailable");
        taken.Body.GetProperty("fault").GetProperty("faultstring").GetString().Should().Be("The id 'my-request-1' is already used or cannot be used as a job id");
        harness.Engine.JobCount.Should().Be(2);
    }

    [Fact]
    public void AGeneratedId_ThatADeclaredJobHas_IsDrawnAgain_AndTheDeclaredJobKeepsItsScript()
    {
        const string Submitted = "name: s\nseed: 7\ndialect: docurift\nsubmitted_jobs:\n  lifecycle: [{ status: processing, after: 1h }, { status: completed }]\n";
        var probe = EmulatorHarness.FromYaml(Submitted);
        var firstId = probe.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).Body.GetProperty("data").GetProperty("id").GetString()!;
        var harness = EmulatorHarness.FromYaml(Submitted + $"jobs:\n  - id: {firstId}\n    lifecycle: [{{ status: failed, error: declared }}]\n");

        var submitted = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).Body.GetProperty("data").GetProperty("id").GetString()!;
        var declared = harness.Poll("docurift", DocuRiftUploads.Poll("k", firstId));
        var mine = harness.Poll("docurift", DocuRiftUploads.Poll("k", submitted));

        submitted.Should().NotBe(firstId);
        declared.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("failed");
        mine.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("processing");
        harness.Engine.JobCount.Should().Be(2);
    }

    [Fact]
    public void ADeclaredJobEvictedFromAFullStore_IsGoneForGood()
    {
        var harness = EmulatorHarness.FromYaml("""
            dialect: docurift
            jobs:
              - id: job_done
                lifecycle: [{ status: completed }]
            submitted_jobs:
              lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });

        var before = harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_done")).StatusCode;
        var submissions = Enumerable.Range(0, 3).Select(_ => harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).StatusCode).ToList();
        var after = harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_done")).StatusCode;

        before.Should().Be(200);
        submissions.Should().Equal(202, 202, 429);
        after.Should().Be(404, "the finished job made room for the second submission, and is not declared again");
    }

    [Fact]
    public void ADeclaredJobSweptPastItsRetention_IsGoneForGood_WhileItsScenariosOtherJobsWait()
    {
        var harness = EmulatorHarness.FromYaml("""
            dialect: docurift
            retention: 1m
            jobs:
              - id: job_swept
                lifecycle: [{ status: processing, polls: 1 }, { status: completed }]
              - id: job_waiting
                lifecycle: [{ status: processing, polls: 5 }, { status: completed }]
            submitted_jobs:
              lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """);
        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_swept"));
        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_swept"));
        harness.Clock.Advance(TimeSpan.FromMinutes(2));

        for (var i = 0; i < 1024; i++)
        {
            harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        }

        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_swept")).StatusCode.Should().Be(404, "the 1,024th submission swept it, and it is not made anew");
        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_waiting")).StatusCode.Should().Be(200);
    }
}
