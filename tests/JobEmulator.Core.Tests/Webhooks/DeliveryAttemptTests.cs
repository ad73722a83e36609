using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Webhooks;
using Xunit;
using static JobEmulator.Core.Tests.Webhooks.ScriptedReceiver;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>Each webhook attempt as the delivery log records it: its answer, its error, and when the next one is due.</summary>
public sealed class DeliveryAttemptTests
{
    private const string Key = "frc_test_key";
    private const string Hook = "http://127.0.0.1:9/hook";

    private const string Scenario = """
        version: 1
        name: attempts
        dialect: docurift
        seed: 9
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          lifecycle:
            - { status: processing, after: 2s }
            - { status: completed }
        webhooks: { timeout: 3s, retry: [10s, 1m] }
        """;

    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    [Fact]
    public void AReceiverThatAlwaysFails_GetsTheFirstAttemptAndOnePerRetryWait_TheLastNamingNoNextAttempt()
    {
        var receiver = new ScriptedReceiver(Status(503));
        var harness = Start(Scenario, receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Select(a => (a.Time, a.Attempt, a.StatusCode, a.Delivered, a.NextAttemptAt)).Should().Equal(
            (T0.AddSeconds(2), 1, 503, false, T0.AddSeconds(12)),
            (T0.AddSeconds(12), 2, 503, false, T0.AddSeconds(72)),
            (T0.AddSeconds(72), 3, 503, false, (DateTimeOffset?)null));
        receiver.Received.Select(r => r.Timeout).Should().Equal(Enumerable.Repeat(TimeSpan.FromSeconds(3), 3), "every attempt has the scenario's time-out");
    }

    [Fact]
    public void AScenarioWithoutAWebhookPolicy_Retries10sThen1mThen5mLater_With5sForEachAttempt()
    {
        var receiver = new ScriptedReceiver(Status(500));
        var harness = Start(Scenario.Replace("webhooks: { timeout: 3s, retry: [10s, 1m] }", string.Empty, StringComparison.Ordinal), receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Select(a => a.Time - T0).Should().Equal(
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(72), TimeSpan.FromSeconds(372));
        receiver.Received.Select(r => r.Timeout).Should().Equal(Enumerable.Repeat(TimeSpan.FromSeconds(5), 4));
    }

    [Fact]
    public void OnlyA2xxAnswer_CountsAsDelivered_AndEndsTheRetries()
    {
        var receiver = new ScriptedReceiver(Status(199), Status(300), Status(299), Status(500));
        var harness = Start(Scenario.Replace("retry: [10s, 1m]", "retry: [1s, 1s, 1s, 1s]", StringComparison.Ordinal), receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        harness.Engine.Webhooks.Attempts.Select(a => (a.StatusCode, a.Delivered, a.NextAttemptAt)).Should().Equal(
            (199, false, T0.AddSeconds(3)),
            (300, false, T0.AddSeconds(4)),
            (299, true, (DateTimeOffset?)null));
        receiver.Received.Should().HaveCount(3);
    }

    [Fact]
    public void AnAttemptTheReceiverAnswers200_IsDelivered_WithNoNextAttempt()
    {
        var harness = Start(Scenario, new ScriptedReceiver(Status(200)));
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Select(a => (a.StatusCode, a.Error, a.Delivered, a.NextAttemptAt)).Should().Equal(
            (200, (string?)null, true, (DateTimeOffset?)null));
    }

    [Fact]
    public void AReceiverThatCannotBeReached_IsRecordedWithTheErrorsTypeAndMessage_AndRetried()
    {
        var receiver = new ScriptedReceiver(Throws(new HttpRequestException("Connection refused")), Status(200));
        var harness = Start(Scenario, receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Select(a => (a.Time, a.StatusCode, a.Error, a.Delivered, a.NextAttemptAt)).Should().Equal(
            (T0.AddSeconds(2), (int?)null, "HttpRequestException: Connection refused", false, T0.AddSeconds(12)),
            (T0.AddSeconds(12), 200, (string?)null, true, (DateTimeOffset?)null));
    }

    [Fact]
    public void ATransportThatTimesOutOnItsOwn_IsAFailedAttempt_AndRetried()
    {
        var receiver = new ScriptedReceiver(Throws(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout")), Status(200));
        var harness = Start(Scenario, receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Select(a => (a.Time, a.StatusCode, a.Error, a.Delivered, a.NextAttemptAt)).Should().Equal(
            (T0.AddSeconds(2), (int?)null, "TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout", false, T0.AddSeconds(12)),
            (T0.AddSeconds(12), 200, (string?)null, true, (DateTimeOffset?)null));
    }

    [Fact]
    public void WithNoRetries_AFailedAttemptIsTheOnlyOne()
    {
        var receiver = new ScriptedReceiver(Status(500));
        var harness = Start(Scenario.Replace("retry: [10s, 1m]", "retry: []", StringComparison.Ordinal), receiver);
        Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Should().ContainSingle().Which.NextAttemptAt.Should().BeNull();
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public void AfterItsScenarioIsUnloaded_AJobsPendingRetryIsNotMade()
    {
        var receiver = new ScriptedReceiver(Status(500));
        var harness = Start(Scenario, receiver);
        Submit(harness);
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        harness.Engine.Unload("attempts").Should().BeTrue();
        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Engine.Webhooks.Attempts.Should().ContainSingle().Which.NextAttemptAt.Should().Be(T0.AddSeconds(12), "the retry was due, but its job is gone");
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public void AnAttempt_NamesTheEventItsJobDialectAndWhereItWent()
    {
        var receiver = new ScriptedReceiver(Status(200));
        var harness = Start(Scenario, receiver);
        var id = Submit(harness);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        var attempt = harness.Engine.Webhooks.Attempts.Should().ContainSingle().Subject;
        using var body = JsonDocument.Parse(receiver.Received.Single().Message.Body);
        (attempt.Url, attempt.EventId, attempt.EventType, attempt.Dialect, attempt.JobId).Should().Be(
            (new Uri(Hook), body.RootElement.GetProperty("id").GetString()!, "document.processing.completed", "docurift", id));
        receiver.Received.Single().Message.Url.Should().Be(new Uri(Hook));
    }

    [Fact]
    public void EventIds_AreDrawnFromTheSeed_TheSameOnEveryRun_AndDifferentPerJobAndEvent()
    {
        var yaml = Scenario.Replace("- { status: processing, after: 2s }", "- { status: pending, after: 1s }\n    - { status: processing, after: 2s }", StringComparison.Ordinal);
        string[] Run()
        {
            var harness = Start(yaml, new ScriptedReceiver(Status(200)));
            Submit(harness);
            Submit(harness);
            harness.Clock.Advance(TimeSpan.FromHours(1));
            return [.. harness.Engine.Webhooks.Attempts.Select(a => a.EventId)];
        }

        var first = Run();

        first.Should().HaveCount(4).And.OnlyHaveUniqueItems();
        Run().Should().Equal(first);
    }

    [Fact]
    public void TheLog_KeepsTheNewestTenThousandAttempts()
    {
        var receiver = new ScriptedReceiver(Status(500));
        var retries = string.Join(", ", Enumerable.Repeat("1m", 20));
        var harness = Start(Scenario.Replace("retry: [10s, 1m]", $"retry: [{retries}]", StringComparison.Ordinal)
            .Replace("- { status: processing, after: 2s }", "- { status: pending, after: 1s }\n    - { status: processing, after: 1s }", StringComparison.Ordinal), receiver);
        var scenario = harness.Engine.Scenarios.Scenarios[0];
        for (var i = 0; i < 100; i++)
        {
            harness.Engine.Webhooks.Subscribe(scenario, new Uri($"http://127.0.0.1:9/e{i}"), ["document.processing.started", "document.processing.completed"], "s");
        }

        for (var i = 0; i < 3; i++)
        {
            Submit(harness, webhookUrl: null);
        }

        harness.Clock.Advance(TimeSpan.FromHours(1));

        receiver.Received.Should().HaveCount(3 * 100 * 2 * 21, "3 jobs, 100 endpoints, 2 events, 21 attempts each");
        var attempts = harness.Engine.Webhooks.Attempts;
        attempts.Should().HaveCount(WebhookDeliveries.LogCapacity);
        attempts.Should().NotContain(a => a.Attempt == 1, "the 2,600 oldest attempts were dropped from the log");
        attempts[^1].Attempt.Should().Be(21);
    }

    private static EmulatorHarness Start(string yaml, IWebhookTransport receiver) =>
        EmulatorHarness.FromYaml(yaml, new JobEmulatorEngineOptions { WebhookTransport = receiver });

    private static string Submit(EmulatorHarness harness, string? webhookUrl = Hook)
    {
        var answer = harness.Send("docurift", OperationKind.Submit, webhookUrl is null ? DocuRiftUploads.Submit(Key) : DocuRiftUploads.Submit(Key, "invoice.pdf", ("webhookUrl", webhookUrl)));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }
}
