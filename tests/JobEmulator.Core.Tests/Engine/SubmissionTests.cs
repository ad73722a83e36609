using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

public sealed class SubmissionTests
{
    private const string Scenario = """
        version: 1
        name: uploads
        dialect: docurift
        seed: 42
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          - when: { file_name: corrupt.pdf }
            lifecycle:
              - { status: processing, after: 2s }
              - { status: failed, error: { code: OCR_FAILED, message: Unable to extract text } }
          - when: { nth: 2 }
            lifecycle:
              - { status: completed, result: { second: true } }
          - lifecycle:
              - { status: pending, polls: 1 }
              - { status: processing, after: 3s }
              - { status: completed }
        """;

    [Fact]
    public void Submit_AnUpload_Answers202WithThePendingJob_ThenPollsLikeADeclaredOne()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        var submitted = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("frc_test_key", fields: ("documentType", "invoice")));

        submitted.StatusCode.Should().Be(202);
        var data = submitted.Body.GetProperty("data");
        var id = data.GetProperty("id").GetString()!;
        id.Should().MatchRegex("^job_[a-z0-9]{12}$");
        data.GetProperty("status").GetString().Should().Be("pending");
        data.GetProperty("documentType").GetString().Should().Be("invoice");
        harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", id)).Body.GetProperty("data").GetProperty("status").GetString().Should().Be("pending");
        harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", id)).Body.GetProperty("data").GetProperty("status").GetString().Should().Be("processing");
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", id)).Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
        harness.Journal().Select(e => e.Operation).Should().Equal(OperationKind.Submit, OperationKind.Status, OperationKind.Status, OperationKind.Status);
    }

    [Fact]
    public void Templates_FirstFitWins_ByFieldAndByNumber()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        var first = Submit(harness, "a.pdf");
        var second = Submit(harness, "b.pdf");
        var corrupt = Submit(harness, "corrupt.pdf");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));

        StatusOf(harness, first).Should().Be("pending");
        StatusOf(harness, second).Should().Be("completed");
        var failed = harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", corrupt)).Body.GetProperty("data");
        failed.GetProperty("status").GetString().Should().Be("failed");
        failed.GetProperty("error").GetProperty("code").GetString().Should().Be("OCR_FAILED");
    }

    [Fact]
    public void Ids_AreDrawnFromTheSeedAndSubmissionNumber_SoARunReplays()
    {
        string[] Run()
        {
            var harness = EmulatorHarness.FromYaml(Scenario);
            return [Submit(harness, "a.pdf"), Submit(harness, "b.pdf"), Submit(harness, "c.pdf")];
        }

        var first = Run();

        first.Should().OnlyHaveUniqueItems();
        Run().Should().Equal(first);
    }

    [Fact]
    public void Submit_WithoutAFile_Answers400InDocuRiftsEnvelope()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var request = new FakeRequest { Method = "POST", Body = RequestBody.Read(new Dictionary<string, string> { ["documentType"] = "invoice" }, []) }.Header("X-API-Key", "frc_test_key");

        var answer = harness.Send("docurift", OperationKind.Submit, request);

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("success").GetBoolean().Should().BeFalse();
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("VALIDATION_ERROR");
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Contain("file");
        harness.Engine.JobCount.Should().Be(0);
    }

    [Theory]
    [InlineData(BodyReadStatus.TooLarge, 413, "FILE_TOO_LARGE")]
    [InlineData(BodyReadStatus.Malformed, 400, "VALIDATION_ERROR")]
    public void Submit_ABodyTheHostRefused_AnswersInTheEnvelope(BodyReadStatus status, int code, string errorCode)
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var request = new FakeRequest { Method = "POST", Body = RequestBody.Refused(status, "because") }.Header("X-API-Key", "frc_test_key");

        var answer = harness.Send("docurift", OperationKind.Submit, request);

        answer.StatusCode.Should().Be(code);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be(errorCode);
    }

    [Fact]
    public void Submit_WithAKeyTheScenarioDoesNotList_Answers401AndCreatesNothing()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("someone_else"));

        answer.StatusCode.Should().Be(401);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("INVALID_API_KEY");
        harness.Engine.JobCount.Should().Be(0);
    }

    [Fact]
    public void ASubmittedJob_IsVisibleOnlyToTheCredentialsOfItsScenario()
    {
        var other = """
            version: 1
            name: other-team
            dialect: docurift
            auth: { keys: [frc_other] }
            """;
        var harness = EmulatorHarness.FromYamls([Scenario, other]);
        var id = Submit(harness, "a.pdf");

        harness.Poll("docurift", DocuRiftUploads.Poll("frc_other", id)).StatusCode.Should().Be(401);
        harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", id)).StatusCode.Should().Be(200);
    }

    private const string DeclaresNoSubmissions = """
        version: 1
        name: declared-only
        dialect: docurift
        jobs:
          - id: job_ocr0failed1
            lifecycle:
              - { status: failed, error: { code: OCR_FAILED, message: no } }
        """;

    [Fact]
    public void AScenarioWithoutSubmittedJobs_LoadedFirst_DoesNotTakeSubmissions()
    {
        var harness = EmulatorHarness.FromYamls([DeclaresNoSubmissions, Scenario]);

        var corrupt = Submit(harness, "corrupt.pdf");

        harness.Engine.FindJob(harness.Engine.Dialects.Find("docurift")!, corrupt)!.Scenario.Name.Should().Be("uploads");
        StatusOf(harness, corrupt).Should().Be("processing");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        StatusOf(harness, corrupt).Should().Be("failed");
    }

    [Fact]
    public void ASubmissionNoTemplateFits_GoesToTheNextScenarioThatTakesIt()
    {
        var onlyCorrupt = """
            version: 1
            name: only-corrupt
            dialect: docurift
            submitted_jobs:
              - when: { file_name: corrupt.pdf }
                lifecycle: [ { status: failed, error: { code: OCR_FAILED, message: no } } ]
            """;
        var harness = EmulatorHarness.FromYamls([onlyCorrupt, Scenario]);
        var docurift = harness.Engine.Dialects.Find("docurift")!;

        var plain = Submit(harness, "a.pdf");
        var corrupt = Submit(harness, "corrupt.pdf");

        harness.Engine.FindJob(docurift, plain)!.Scenario.Name.Should().Be("uploads");
        harness.Engine.FindJob(docurift, corrupt)!.Scenario.Name.Should().Be("only-corrupt");
    }

    [Fact]
    public void WithNoScenarioDeclaringSubmissions_AnAcceptedKeySubmits_FollowsTheDefaultLifecycle_AndReadsItsJob()
    {
        var keyed = """
            version: 1
            name: keyed
            dialect: docurift
            auth: { keys: [frc_mine] }
            """;
        var harness = EmulatorHarness.FromYamls([keyed]);

        var id = Submit(harness, "a.pdf", key: "frc_mine");
        var stranger = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("frc_stranger"));

        stranger.StatusCode.Should().Be(401);
        StatusOf(harness, id, "frc_mine").Should().Be("pending");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        StatusOf(harness, id, "frc_mine").Should().Be("processing");
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        StatusOf(harness, id, "frc_mine").Should().Be("completed");
    }

    [Fact]
    public void AKeyNoSubmittingScenarioAccepts_ButAnotherScenarioDoes_GetsTheDefaultLifecycle()
    {
        var harness = EmulatorHarness.FromYamls([Scenario, DeclaresNoSubmissions]);

        var id = Submit(harness, "corrupt.pdf", key: "frc_anyone");

        StatusOf(harness, id, "frc_anyone").Should().Be("pending");
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        StatusOf(harness, id, "frc_anyone").Should().Be("completed");
    }

    [Fact]
    public void WithNoScenarioForTheDialect_ASubmissionFollowsTheDefaultLifecycle()
    {
        var harness = EmulatorHarness.FromYamls([]);

        var id = Submit(harness, "a.pdf", key: "anything");

        StatusOf(harness, id, "anything").Should().Be("pending");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        StatusOf(harness, id, "anything").Should().Be("processing");
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        StatusOf(harness, id, "anything").Should().Be("completed");
    }

    [Fact]
    public void AFullStore_EvictsTheOldestFinishedJob_ThenRefusesWhenEveryJobIsLive()
    {
        var yaml = """
            version: 1
            dialect: docurift
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: completed }]
              - lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """;
        var harness = EmulatorHarness.FromYaml(yaml, new JobEmulatorEngineOptions { MaxJobsPerDialect = 3 });
        var finished = Submit(harness, "a.pdf", key: "k");
        Submit(harness, "b.pdf", key: "k");
        Submit(harness, "c.pdf", key: "k");

        var fourth = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        var fifth = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));

        fourth.StatusCode.Should().Be(202);
        harness.Poll("docurift", DocuRiftUploads.Poll("k", finished)).StatusCode.Should().Be(404, "the finished job made room");
        fifth.StatusCode.Should().Be(429);
        fifth.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
        harness.Engine.JobCount.Should().Be(3);
    }

    [Fact]
    public void AFullStoreOfLiveJobs_MakesRoomAsSoonAsOneFinishes_ByPollOrByTime()
    {
        var yaml = """
            version: 1
            dialect: docurift
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: processing, polls: 1 }, { status: completed }]
              - when: { nth: 2 }
                lifecycle: [{ status: processing, after: 1m }, { status: completed }]
              - lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """;
        var harness = EmulatorHarness.FromYaml(yaml, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        var byPoll = Submit(harness, "a.pdf", key: "k");
        Submit(harness, "b.pdf", key: "k");

        var refused = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        var refusedAgain = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        harness.Poll("docurift", DocuRiftUploads.Poll("k", byPoll));
        var afterThePoll = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        var full = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterTheDeadline = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));

        refused.StatusCode.Should().Be(429);
        refusedAgain.StatusCode.Should().Be(429, "nothing finished in between");
        afterThePoll.StatusCode.Should().Be(202, "the job that finished on its poll made room");
        full.StatusCode.Should().Be(429);
        afterTheDeadline.StatusCode.Should().Be(202, "the timed job finished at its deadline");
    }

    [Fact]
    public void JobsPastTheirRetention_AreSweptAsSubmissionsContinue_NotKeptUntilTheStoreIsFull()
    {
        var yaml = """
            version: 1
            dialect: docurift
            retention: 1m
            submitted_jobs:
              - lifecycle: [{ status: completed }]
            """;
        var harness = EmulatorHarness.FromYaml(yaml);
        for (var i = 0; i < 1023; i++)
        {
            Submit(harness, $"f{i}.pdf", key: "k");
        }

        harness.Engine.JobCount.Should().Be(1023);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Submit(harness, "after.pdf", key: "k");

        harness.Engine.JobCount.Should().Be(1, "the 1,024th submission swept the 1,023 jobs finished exactly their retention ago");
    }

    [Fact]
    public async Task Submissions_RacingLoadsAndPolls_AreNeverLost()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                ids.Add(Submit(harness, $"f{i}.pdf"));
            }
        }, TestContext.Current.CancellationToken));
        var loader = Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                harness.Engine.Load(new ScenarioLoader().LoadYaml($"version: 1\nname: extra{i}\ndialect: docurift\njobs: [{{ id: declared_{i}, lifecycle: [{{ status: completed }}] }}]", $"extra{i}.yaml"));
            }
        }, TestContext.Current.CancellationToken);

        await Task.WhenAll([.. submitters, loader]);

        ids.Should().HaveCount(1200).And.OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => harness.Engine.FindJob(harness.Engine.Dialects.Find("docurift")!, id).Should().NotBeNull());
        harness.Engine.JobCount.Should().Be(1240);
    }

    [Fact]
    public void Reset_DropsSubmittedJobs_AndStartsTheNumberingAgain()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var before = Submit(harness, "a.pdf");

        harness.Engine.Reset();

        harness.Poll("docurift", DocuRiftUploads.Poll("frc_test_key", before)).StatusCode.Should().Be(404);
        Submit(harness, "a.pdf").Should().Be(before, "the first submission after a reset is submission 1 again");
    }

    [Fact]
    public void Load_KeepsSubmittedJobs_AndRefusesADeclaredIdALiveJobHolds()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var id = Submit(harness, "a.pdf");

        var clash = () => harness.Engine.Load(new ScenarioLoader().LoadYaml($"version: 1\ndialect: docurift\njobs: [{{ id: {id}, lifecycle: [{{ status: completed }}] }}]", "clash.yaml"));

        clash.Should().Throw<ScenarioValidationException>().WithMessage($"*clash.yaml:3:*{id}*already used*");
        StatusOf(harness, id).Should().Be("pending");
    }

    private static string Submit(EmulatorHarness harness, string fileName, string key = "frc_test_key")
    {
        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key, fileName));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    private static string StatusOf(EmulatorHarness harness, string id, string key = "frc_test_key") =>
        harness.Poll("docurift", DocuRiftUploads.Poll(key, id)).Body.GetProperty("data").GetProperty("status").GetString()!;
}
