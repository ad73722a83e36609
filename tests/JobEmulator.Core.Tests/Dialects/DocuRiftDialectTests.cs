using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>DocuRift against seed 004: every example body, field for field.</summary>
public sealed class DocuRiftDialectTests
{
    private const string Key = "frc_your_api_key_here";

    private const string Scenario = """
        version: 1
        dialect: docurift
        auth: { keys: [frc_your_api_key_here] }
        jobs:
          - id: job_abc123def456
            document_type: invoice
            document_id: doc_xyz789ghi012
            lifecycle:
              - { status: pending, after: 15s }
              - { status: processing, after: 30s, progress: 45 }
              - status: completed
                result:
                  extractedFields: { invoiceNumber: INV-2024-001, amount: 1250.00, currency: USD, vendor: Acme Corp, date: "2024-01-15" }
                  confidence: 0.97
          - id: job_failing
            document_type: invoice
            lifecycle:
              - { status: pending, after: 15s }
              - { status: processing, after: 5s, progress: 23 }
              - status: failed
                error:
                  code: OCR_FAILED
                  message: Unable to extract text from document. The image may be corrupted or too low quality.
                  details: { step: text_extraction, retryable: true }
        """;

    private static FakeRequest Job(string id) => new FakeRequest().Route("id", id).Header("X-API-Key", Key);

    [Fact]
    public void Poll_ThroughLifecycle_MatchesEachDocumentedExample()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        emulator.Poll("docurift", Job("job_abc123def456")).ShouldMatchGolden("docurift", "pending");
        emulator.Clock.Advance(TimeSpan.FromSeconds(15));
        emulator.Poll("docurift", Job("job_abc123def456")).ShouldMatchGolden("docurift", "processing");
        emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        emulator.Poll("docurift", Job("job_abc123def456")).ShouldMatchGolden("docurift", "completed");
    }

    [Fact]
    public void Poll_FailedJob_MatchesDocumentedFailure()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromSeconds(20));

        var answer = emulator.Poll("docurift", Job("job_failing"));

        var golden = Golden.Load("docurift", "failed");
        golden["data"]!["id"] = "job_failing";
        answer.Body.GetProperty("data").GetProperty("id").GetString().Should().Be("job_failing");
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(answer.Text), golden).Should().BeTrue(answer.Text);
    }

    [Fact]
    public void Poll_UnknownJob_AnswersDocumented404()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario.Replace("job_abc123def456", "job_other", StringComparison.Ordinal));

        var answer = emulator.Poll("docurift", Job("job_abc123def456"));

        answer.StatusCode.Should().Be(404);
        answer.ShouldMatchGolden("docurift", "not-found");
    }

    [Fact]
    public void Poll_BearerInsteadOfApiKey_IsAccepted()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("docurift", new FakeRequest().Route("id", "job_abc123def456").Header("Authorization", "Bearer " + Key));

        answer.StatusCode.Should().Be(200);
    }

    [Theory]
    [InlineData(null, "UNAUTHORIZED")]
    [InlineData("frc_wrong", "INVALID_API_KEY")]
    public void Poll_BadCredentials_Answers401WithDocumentedCode(string? key, string code)
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var request = new FakeRequest().Route("id", "job_abc123def456");
        if (key is not null)
        {
            request.Header("X-API-Key", key);
        }

        var answer = emulator.Poll("docurift", request);

        answer.StatusCode.Should().Be(401);
        answer.Body.GetProperty("success").GetBoolean().Should().BeFalse();
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be(code);
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Poll_BareKeyInAuthorization_IsAcceptedAsTheDocumentAllows()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("docurift", new FakeRequest().Route("id", "job_abc123def456").Header("Authorization", Key));

        answer.StatusCode.Should().Be(200);
    }

    [Fact]
    public void Poll_ScriptedDetailsWithoutRetryable_StillCarryStepAndRetryable()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            jobs:
              - id: job_x
                lifecycle:
                  - status: failed
                    error: { code: TOO_LARGE, message: Too many pages, details: { pages: 900 } }
            """);

        var details = emulator.Poll("docurift", new FakeRequest().Route("id", "job_x").Header("X-API-Key", "k")).Body
            .GetProperty("data").GetProperty("error").GetProperty("details");

        details.GetProperty("pages").GetInt32().Should().Be(900);
        details.GetProperty("step").GetString().Should().Be("processing");
        details.GetProperty("retryable").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Poll_AfterThirtyDaysOfRetention_Answers404()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Clock.Advance(TimeSpan.FromSeconds(45) + TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        emulator.Poll("docurift", Job("job_abc123def456")).StatusCode.Should().Be(200);

        emulator.Clock.Advance(TimeSpan.FromSeconds(1));

        var answer = emulator.Poll("docurift", Job("job_abc123def456"));
        answer.StatusCode.Should().Be(404);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("JOB_NOT_FOUND");
    }

    [Fact]
    public void Poll_CompletedWithoutScriptedResult_GeneratesInvoiceShapedResult()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            seed: 7
            jobs:
              - id: job_generated
                lifecycle: [{ status: completed }]
            """);

        var data = emulator.Poll("docurift", new FakeRequest().Route("id", "job_generated").Header("X-API-Key", "any")).Body.GetProperty("data");

        data.GetProperty("documentId").GetString().Should().MatchRegex("^doc_[a-z0-9]{12}$");
        var fields = data.GetProperty("result").GetProperty("extractedFields");
        fields.GetProperty("invoiceNumber").GetString().Should().MatchRegex(@"^INV-\d{4}-\d{3}$");
        fields.GetProperty("amount").GetDecimal().Should().BePositive();
        fields.GetProperty("date").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        data.GetProperty("result").GetProperty("confidence").GetDecimal().Should().BeInRange(0.8m, 0.99m);
    }
}
