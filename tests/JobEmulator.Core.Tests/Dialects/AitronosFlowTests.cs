using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Aitronos Freddy's document extraction: single (async and sync), batch, and the headers on every answer.</summary>
public sealed class AitronosFlowTests
{
    private const string Scenario = """
        version: 1
        dialect: aitronos
        seed: 2
        auth: { keys: [freddy_key] }
        submitted_jobs:
          - when: { file_name: corrupt.pdf }
            lifecycle: [{ status: processing, after: 1s }, { status: failed, error: Document is corrupted or unreadable }]
          - lifecycle:
              - { status: pending, after: 1s }
              - { status: processing, after: 2s }
              - { status: completed }
        """;

    [Fact]
    public void Extract_Async_AnswersThePendingJob_ThenPollsToCompletion()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var started = harness.Send("aitronos", OperationKind.Submit, Upload(["invoice.pdf"], ("organization_id", "org_1"), ("model", "gpt-4o"), ("schema", """{"invoice_number":"string"}""")));
        var id = started.Body.GetProperty("job_id").GetString()!;
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        var done = harness.Poll("aitronos", Poll(id));

        started.StatusCode.Should().Be(200, started.Text);
        started.Body.GetProperty("status").GetString().Should().Be("pending");
        id.Should().MatchRegex("^job_[0-9a-f]{32}$");
        done.Body.GetProperty("status").GetString().Should().Be("completed");
        done.Body.GetProperty("model_used").GetString().Should().Be("gpt-4o");
        done.Body.GetProperty("extracted_data").GetProperty("invoice_number").GetString().Should().StartWith("INV-");
    }

    [Fact]
    public void Extract_Sync_AnswersTheFinishedJobInline()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var answer = harness.Send("aitronos", OperationKind.Submit, Upload(["invoice.pdf"], ("organization_id", "org_1"), ("sync", "true")));

        answer.StatusCode.Should().Be(200);
        answer.Body.GetProperty("status").GetString().Should().Be("completed");
        answer.Body.GetProperty("model_used").GetString().Should().Be("ftg-3.0");
    }

    [Theory]
    [InlineData("invoice.pdf", null, "{}", 400, "organization_id")]
    [InlineData("setup.exe", "org_1", "{}", 415, "setup.exe")]
    [InlineData("invoice.pdf", "org_1", "{not json", 400, "schema")]
    public void Extract_RefusedUploads_AnswerInTheEnvelope(string file, string? organization, string schema, int status, string named)
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);
        (string, string)[] fields = organization is null ? [("schema", schema)] : [("organization_id", organization), ("schema", schema)];

        var answer = harness.Send("aitronos", OperationKind.Submit, Upload([file], fields));

        answer.StatusCode.Should().Be(status);
        answer.Body.GetProperty("success").GetBoolean().Should().BeFalse();
        answer.Body.GetProperty("error").GetProperty("status").GetInt32().Should().Be(status);
        answer.Body.GetProperty("error").GetProperty("system_message").GetString().Should().Contain(named);
    }

    [Theory]
    [InlineData("files[]")]
    [InlineData("files")]
    public void Batch_CreatesOnePollableJobPerFile(string fieldName)
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var answer = harness.Send("aitronos", OperationKind.BatchSubmit, Upload(["a.pdf", "b.png", "corrupt.pdf"], fieldName, ("organization_id", "org_1")));

        answer.StatusCode.Should().Be(200, answer.Text);
        answer.Body.GetProperty("success").GetBoolean().Should().BeTrue();
        answer.Body.GetProperty("batch_id").GetString().Should().StartWith("batch_");
        answer.Body.GetProperty("total_documents").GetInt32().Should().Be(3);
        answer.Body.GetProperty("created_at").GetString().Should().Be("2024-01-27T10:30:00Z");
        var ids = answer.Body.GetProperty("job_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        ids.Select(id => harness.Poll("aitronos", Poll(id)).Body.GetProperty("status").GetString()).Should().Equal("completed", "completed", "failed");
    }

    [Fact]
    public void EveryAnswer_CarriesARequestIdAndTheRateLimitHeaders()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var first = harness.Poll("aitronos", Poll("job_missing"));
        var second = harness.Send("aitronos", OperationKind.Submit, Upload(["invoice.pdf"], ("organization_id", "org_1")));

        Header(first, "x-request-id").Should().StartWith("req_").And.NotBe(Header(second, "x-request-id"));
        Header(first, "x-ratelimit-limit-requests").Should().Be("60");
        Header(first, "x-ratelimit-remaining-requests").Should().Be("59");
        Header(second, "x-ratelimit-remaining-requests").Should().Be("58");
        Header(second, "x-ratelimit-reset-requests").Should().Be("60s");
    }

    [Fact]
    public void Batch_WithoutRoomForEveryFile_CreatesNone()
    {
        var harness = EmulatorHarness.FromYaml(Scenario, new Core.Engine.JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });

        var answer = harness.Send("aitronos", OperationKind.BatchSubmit, Upload(["a.pdf", "b.pdf", "c.pdf"], "files[]", ("organization_id", "org_1")));

        answer.StatusCode.Should().Be(429);
        harness.Engine.JobCount.Should().Be(0);
    }

    [Fact]
    public void Batch_RefusedByTheConcurrentJobLimit_Answers429_AndFreesTheSlotsItTook()
    {
        var harness = EmulatorHarness.FromYamls(["""
            version: 1
            dialect: aitronos
            limits: { concurrent_jobs: 1 }
            submitted_jobs:
              lifecycle: [{ status: processing, polls: 1 }, { status: completed }]
            """]);

        var batch = harness.Send("aitronos", OperationKind.BatchSubmit, Upload(["a.pdf", "b.pdf"], "files[]", ("organization_id", "o")).Header("X-API-Key", "k"));
        var single = harness.Send("aitronos", OperationKind.Submit, Upload(["c.pdf"], ("organization_id", "o")).Header("X-API-Key", "k"));

        batch.StatusCode.Should().Be(429);
        batch.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
        single.StatusCode.Should().Be(200, "the batch's first job was taken back out, and its slot with it");
    }

    [Fact]
    public void Batch_AFileOverFiftyMegabytes_IsRefusedWith413()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);
        var request = new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o" }, [new SubmittedFile("files[]", "a.pdf", null, 10), new SubmittedFile("files[]", "huge.pdf", null, 51L * 1024 * 1024)]),
        }.Header("X-API-Key", "freddy_key");

        var answer = harness.Send("aitronos", OperationKind.BatchSubmit, request);

        answer.StatusCode.Should().Be(413);
        harness.Engine.JobCount.Should().Be(0);
    }

    [Fact]
    public void ATemplatesModel_IsKeptUnlessTheClientSendsOne()
    {
        var harness = EmulatorHarness.FromYamls(["""
            version: 1
            dialect: aitronos
            submitted_jobs:
              model_used: gpt-4o-mini
              lifecycle: [{ status: completed }]
            """]);

        var defaulted = harness.Send("aitronos", OperationKind.Submit, Upload(["a.pdf"], ("organization_id", "o")).Header("X-API-Key", "k"));
        var sent = harness.Send("aitronos", OperationKind.Submit, Upload(["a.pdf"], ("organization_id", "o"), ("model", "gpt-4o")).Header("X-API-Key", "k"));

        defaulted.Body.GetProperty("model_used").GetString().Should().Be("gpt-4o-mini");
        sent.Body.GetProperty("model_used").GetString().Should().Be("gpt-4o");
    }

    private static string? Header(Answer answer, string name) => answer.Head.Headers?.Single(h => h.Key == name).Value;

    private static FakeRequest Upload(string[] files, params (string Name, string Value)[] fields) => Upload(files, "file", fields);

    private static FakeRequest Upload(string[] files, string fieldName, params (string Name, string Value)[] fields) =>
        new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(fields.ToDictionary(f => f.Name, f => f.Value), [.. files.Select(f => new SubmittedFile(fieldName, f, "application/octet-stream", 2048))]),
        }.Header("X-API-Key", "freddy_key");

    private static FakeRequest Poll(string id) => new FakeRequest { Path = "/v1/documents/jobs/" + id }.Header("X-API-Key", "freddy_key").Route("job_id", id);
}
