using FluentAssertions;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// The engine's public view of its jobs (<c>Jobs</c>, <c>Job</c>, <c>AdvanceJob</c>: what the admin API lists) and
/// of what a dialect and a scenario declare, as <c>jobemu list</c> and <c>validate</c> print them.
/// </summary>
public sealed class JobSnapshotTests
{
    private const string DocuRift = """
        name: documents
        dialect: docurift
        jobs:
          - id: job_b
            lifecycle: [{ status: pending, after: 10s }, { status: processing, after: 20s, word: ocr }, { status: completed }]
          - id: job_a
            lifecycle: [{ status: processing, polls: 2 }, { status: failed, error: { code: OCR_FAILED, message: Unreadable } }]
        submitted_jobs:
          - when: { nth: 1 }
            lifecycle: [{ status: completed }]
          - lifecycle: [{ status: pending, polls: 1 }, { status: completed }]
        """;

    private const string Waveline = """
        name: shapes
        dialect: waveline
        jobs:
          - id: 7b1c0f9e-0000-4000-8000-000000000001
            lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void Jobs_ListsEveryJob_OldestFirstThenById_InItsDialectsWords_WithoutCountingAPoll()
    {
        var emulator = EmulatorHarness.FromYamls([DocuRift, Waveline]);
        emulator.Clock.Advance(TimeSpan.FromSeconds(15));
        var submitted = emulator.Engine.Submit(emulator.Engine.Dialects.Find("docurift")!, "sk_live", Submission.Empty, emulator.Clock.GetUtcNow()).Job!;

        var jobs = emulator.Engine.Jobs();

        jobs.Select(j => (j.Dialect, j.Id)).Should().Equal(
            ("waveline", "7b1c0f9e-0000-4000-8000-000000000001"), ("docurift", "job_a"), ("docurift", "job_b"), ("docurift", submitted.Script.Id));
        var b = jobs[2];
        (b.Scenario, b.Status, b.Word, b.Step, b.Steps, b.Requests).Should().Be(("documents", JobStatus.Running, "ocr", 2, 3, 0));
        (b.CreatedAt, b.FinishedAt, b.SubmittedBy).Should().Be((EmulatorHarness.DocumentTime, (DateTimeOffset?)null, (string?)null));
        var done = jobs[3];
        (done.Status, done.Word, done.Step, done.Steps, done.SubmittedBy).Should().Be((JobStatus.Completed, "completed", 1, 1, "sk_live"));
        (done.CreatedAt, done.FinishedAt).Should().Be((EmulatorHarness.DocumentTime.AddSeconds(15), EmulatorHarness.DocumentTime.AddSeconds(15)));
        emulator.Journal().Should().BeEmpty();
        emulator.Engine.Jobs()[1].Status.Should().Be(JobStatus.Running, "listing twice is still no poll");
    }

    [Fact]
    public void Jobs_CreatedAtOneInstant_AreListedById_WhateverOrderTheyWereDeclaredIn()
    {
        var ids = new[] { "job_f", "job_c", "job_e", "job_a", "job_d", "job_b" };
        var emulator = EmulatorHarness.FromYaml("dialect: docurift\njobs:\n" + string.Concat(ids.Select(id => $"  - {{ id: {id}, lifecycle: [{{ status: completed }}] }}\n")));

        emulator.Engine.Jobs().Select(j => j.Id).Should().Equal("job_a", "job_b", "job_c", "job_d", "job_e", "job_f");
    }

    [Fact]
    public void Jobs_OfADialect_TakesItsNameInAnyCase_AndAnUnknownNameListsNothing()
    {
        var emulator = EmulatorHarness.FromYamls([DocuRift, Waveline]);

        emulator.Engine.Jobs("WaveLine").Select(j => j.Id).Should().Equal("7b1c0f9e-0000-4000-8000-000000000001");
        emulator.Engine.Jobs("docurift").Select(j => j.Id).Should().Equal("job_a", "job_b");
        emulator.Engine.Jobs("acme").Should().BeEmpty();
    }

    [Fact]
    public void Job_CountsItsPolls_AndShowsItsLifecycleAndHistory_InTheDialectsWords()
    {
        var emulator = EmulatorHarness.FromYaml(DocuRift);
        emulator.Poll("docurift", DialectRequests.For("docurift", "job_a"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(30));

        var a = emulator.Engine.Job("DocuRift", "job_a")!;
        var b = emulator.Engine.Job("docurift", "job_b")!;

        (a.Requests, a.Status, a.Step).Should().Be((1, JobStatus.Running, 1));
        a.Lifecycle.Should().Equal(("processing", null, 2, null), ("failed", null, null, null));
        b.Lifecycle.Should().Equal(("pending", null, null, TimeSpan.FromSeconds(10)), ("processing", "ocr", null, TimeSpan.FromSeconds(20)), ("completed", null, null, null));
        b.Transitions.Should().Equal(
            ("pending", "processing", EmulatorHarness.DocumentTime.AddSeconds(10)),
            ("processing", "completed", EmulatorHarness.DocumentTime.AddSeconds(30)));
        (b.Status, b.Step, b.FinishedAt).Should().Be((JobStatus.Completed, 3, EmulatorHarness.DocumentTime.AddSeconds(30)));
        emulator.Engine.Job("docurift", "job_zzz").Should().BeNull();
        emulator.Engine.Job("waveline", "job_a").Should().BeNull("ids belong to their dialect");
        emulator.Engine.Job("acme", "job_a").Should().BeNull();
    }

    [Fact]
    public void AdvanceJob_MovesTheNamedJob_AndSaysFalseForNoSuchJobOrNoSuchStep()
    {
        var emulator = EmulatorHarness.FromYaml(DocuRift);

        emulator.Engine.AdvanceJob("docurift", "job_b", JobStatus.Completed).Should().BeTrue();
        emulator.Engine.AdvanceJob("docurift", "job_b").Should().BeFalse("it has finished");
        emulator.Engine.AdvanceJob("docurift", "job_a", JobStatus.Queued).Should().BeFalse("no later step is pending");
        emulator.Engine.AdvanceJob("docurift", "job_zzz").Should().BeFalse();
        emulator.Engine.AdvanceJob("acme", "job_a").Should().BeFalse();

        emulator.Engine.Job("docurift", "job_b")!.Transitions.Should().Equal(("pending", "completed", EmulatorHarness.DocumentTime));
        emulator.Engine.Job("docurift", "job_a")!.Transitions.Should().BeEmpty();
    }

    [Fact]
    public void ADialect_DescribesItsJobKeys_WhenKeys_AndWebhookEvents()
    {
        var catalog = Core.Definitions.DialectDefinitions.BuiltinCatalog;
        var docurift = catalog.Find("docurift")!;

        docurift.JobKeys.Select(k => k.Key).Should().Equal("document_type", "document_id");
        docurift.JobKeys[1].Description.Should().Be("the data.documentId reported once completed (doc_…)");
        var priority = docurift.WhenKeys.Single(k => k.Key == "priority");
        priority.Description.Should().Be("normal or high");
        priority.Choices.Should().Equal("normal", "high");
        docurift.WhenKeys.Single(k => k.Key == "language").Choices.Should().BeNull();
        docurift.WebhookEvents.Should().Contain("document.processing.completed");
        catalog.Find("waveline")!.WebhookEvents.Should().BeEmpty("Waveline sends no webhooks");
    }

    [Fact]
    public void AScenario_NamesItsJobs_CountsItsTemplates_AndItsAppIds()
    {
        var loader = new ScenarioLoader();
        var documents = loader.LoadYaml(DocuRift, "documents.yaml");
        var shapes = loader.LoadYaml(Waveline, "shapes.yaml");
        var symbl = loader.LoadYaml("""
            dialect: symbl
            auth:
              apps: [{ app_id: app-1, app_secret: s1 }, { app_id: app-2, app_secret: s2 }]
            jobs:
              - id: "1111111111111111"
                lifecycle: [{ status: completed }]
            """, "symbl.yaml");

        documents.JobIds.Should().Equal("job_b", "job_a");
        (documents.SubmittedJobTemplates, shapes.SubmittedJobTemplates).Should().Be((2, 0));
        symbl.Auth.AppIds.Should().Equal("app-1", "app-2");
        documents.Auth.AppIds.Should().BeEmpty();
    }
}
