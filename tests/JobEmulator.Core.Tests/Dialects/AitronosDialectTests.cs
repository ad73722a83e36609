using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Aitronos Freddy against seed 003: all four job examples and both error examples.</summary>
public sealed class AitronosDialectTests
{
    private static readonly DateTimeOffset Created = new(2024, 12, 16, 10, 30, 0, TimeSpan.Zero);

    private const string Scenario = """
        dialect: aitronos
        auth: { keys: [freddy_key] }
        jobs:
          - id: job_abc123def456
            confidence: 0.95
            cost_chf: 0.015
            model_used: gpt-4o
            lifecycle:
              - { status: pending, after: 1s }
              - { status: processing, after: 1300ms }
              - status: completed
                result:
                  invoice_number: INV-2024-001
                  date: "2024-12-16"
                  total_amount: 1250.00
                  vendor_name: Acme Corporation
                  line_items:
                    - { description: Widget A, quantity: 10, price: 50.00 }
          - id: job_failing
            lifecycle:
              - { status: pending, after: 1s }
              - { status: processing, after: 500ms }
              - { status: failed, error: Document is corrupted or unreadable }
        """;

    private static FakeRequest Job(string id) => new FakeRequest().Route("job_id", id).Header("X-API-Key", "freddy_key");

    [Fact]
    public void Poll_ThroughLifecycle_MatchesPendingProcessingAndCompletedExamples()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, Created);

        emulator.Poll("aitronos", Job("job_abc123def456")).ShouldMatchGolden("aitronos", "pending");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        emulator.Poll("aitronos", Job("job_abc123def456")).ShouldMatchGolden("aitronos", "processing");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1300));
        emulator.Poll("aitronos", Job("job_abc123def456")).ShouldMatchGolden("aitronos", "completed");
    }

    [Fact]
    public void Poll_FailedJob_MatchesFailedExample()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario.Replace("job_abc123def456", "job_other", StringComparison.Ordinal).Replace("job_failing", "job_abc123def456", StringComparison.Ordinal), Created);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1500));

        emulator.Poll("aitronos", Job("job_abc123def456")).ShouldMatchGolden("aitronos", "failed");
    }

    [Fact]
    public void Poll_UnknownJob_MatchesNotFoundExample()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, Created);

        var answer = emulator.Poll("aitronos", Job("job_invalid123"));

        answer.StatusCode.Should().Be(404);
        answer.ShouldMatchGolden("aitronos", "not-found", "error.trace_id");
        answer.Body.GetProperty("error").GetProperty("trace_id").GetString().Should().MatchRegex("^trace_[0-9a-z]+$");
    }

    [Fact]
    public void Poll_NoCredentials_MatchesUnauthorizedExample()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, Created);

        var answer = emulator.Poll("aitronos", new FakeRequest().Route("job_id", "job_abc123def456"));

        answer.StatusCode.Should().Be(401);
        answer.ShouldMatchGolden("aitronos", "unauthorized", "error.trace_id");
    }

    [Fact]
    public void Poll_WrongKey_AnswersTheSameDocumentedUnauthorizedBody()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, Created);

        var answer = emulator.Poll("aitronos", new FakeRequest().Route("job_id", "job_abc123def456").Header("X-API-Key", "wrong"));

        answer.StatusCode.Should().Be(401);
        answer.ShouldMatchGolden("aitronos", "unauthorized", "error.trace_id");
    }

    [Fact]
    public void Poll_BearerAsInTheVendorsJavaScriptSample_IsAccepted()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, Created);

        var answer = emulator.Poll("aitronos", new FakeRequest().Route("job_id", "job_abc123def456").Header("Authorization", "Bearer freddy_key"));

        answer.StatusCode.Should().Be(200);
    }
}
