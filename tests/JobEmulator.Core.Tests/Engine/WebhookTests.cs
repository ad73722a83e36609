using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

public sealed class WebhookTests
{
    private const string Key = "frc_test_key";

    private const string Scenario = """
        version: 1
        name: hooks
        dialect: docurift
        seed: 5
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          - when: { file_name: corrupt.pdf }
            lifecycle:
              - { status: processing, after: 2s }
              - { status: failed, error: { code: OCR_FAILED, message: Unable to extract text } }
          - lifecycle:
              - { status: pending, after: 1s }
              - { status: processing, after: 3s }
              - { status: completed }
        webhooks: { timeout: 2s, retry: [10s, 1m] }
        """;

    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    [Fact]
    public void AJobsOwnWebhook_GetsEachEventAtTheExactInstantOfItsTransition_WithNobodyPolling()
    {
        var (harness, receiver) = Start();
        var id = Submit(harness, "invoice.pdf", ("webhookUrl", "http://127.0.0.1:9/hook"), ("webhookSecret", "s3cret"), ("callbackMetadata", "order-17"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var events = receiver.Received.Select(Parse).ToList();
        events.Select(e => e.GetProperty("type").GetString()).Should().Equal("document.processing.started", "document.processing.completed");
        events.Select(e => e.GetProperty("createdAt").GetString()).Should().Equal("2024-01-27T10:30:01Z", "2024-01-27T10:30:04Z");
        events.Should().AllSatisfy(e => e.GetProperty("data").GetProperty("id").GetString().Should().Be(id));
        events[1].GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
        events[1].GetProperty("data").GetProperty("metadata").GetString().Should().Be("order-17");
        events[0].GetProperty("apiVersion").GetString().Should().Be("2024-01-26");
        events[0].GetProperty("id").GetString().Should().MatchRegex("^evt_[a-z0-9]{24}$");
        harness.Engine.Webhooks.Attempts.Select(a => a.Time).Should().Equal(T0.AddSeconds(1), T0.AddSeconds(4));
        harness.Journal().Select(e => e.Operation).Should().Equal([OperationKind.Submit], "no poll was needed");
    }

    [Fact]
    public void EveryEvent_IsSignedAsDocuRiftDocuments_HmacSha256OfTimestampDotBody()
    {
        var (harness, receiver) = Start();
        Submit(harness, "invoice.pdf", ("webhookUrl", "http://127.0.0.1:9/hook"), ("webhookSecret", "s3cret"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Should().HaveCount(2).And.AllSatisfy(message =>
        {
            var timestamp = message.Header("X-DocuRift-Timestamp")!;
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. message.Body.ToArray()]));
            message.Header("X-DocuRift-Signature").Should().Be(expected);
            message.Header("X-DocuRift-Event-Id").Should().Be(Parse(message).GetProperty("id").GetString());
        });
    }

    [Fact]
    public void RegisteredEndpoints_HearTheirSubscribedEvents_ForEveryJobOfTheirScenario()
    {
        var (harness, receiver) = Start();
        var registered = Register(harness, """{"url":"http://127.0.0.1:9/all","events":["document.processing.failed"]}""");
        var secret = registered.GetProperty("data").GetProperty("secret").GetString()!;
        Submit(harness, "invoice.pdf");
        Submit(harness, "corrupt.pdf");

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var message = receiver.Received.Should().ContainSingle().Subject;
        Parse(message).GetProperty("type").GetString().Should().Be("document.processing.failed");
        Parse(message).GetProperty("data").GetProperty("error").GetProperty("code").GetString().Should().Be("OCR_FAILED");
        message.Header("X-DocuRift-Signature").Should().Be(DocuRiftSignature.Sign(secret, message.Header("X-DocuRift-Timestamp")!, message.Body.Span));
    }

    [Fact]
    public void AFailedDelivery_IsRetriedOnTheScenariosSchedule_AndEveryAttemptIsRecorded()
    {
        var (harness, receiver) = Start(failFirst: 2);
        Submit(harness, "corrupt.pdf", ("webhookUrl", "http://127.0.0.1:9/hook"));

        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        receiver.Received.Should().HaveCount(3);
        harness.Engine.Webhooks.Attempts.Select(a => (a.Time, a.Attempt, a.StatusCode, a.Delivered)).Should().Equal(
            (T0.AddSeconds(2), 1, 500, false),
            (T0.AddSeconds(12), 2, 500, false),
            (T0.AddSeconds(72), 3, 200, true));
        receiver.Received.Select(m => m.Header("X-DocuRift-Event-Id")).Distinct().Should().ContainSingle("a retry resends the same event");
    }

    [Fact]
    public void Endpoints_AreListedWithoutSecrets_AndRemoved()
    {
        var (harness, _) = Start();
        var id = Register(harness, """{"url":"https://example.test/hook","events":["document.processing.completed"],"active":true}""").GetProperty("data").GetProperty("id").GetString()!;

        var list = harness.Send("docurift", OperationKind.WebhookList, new FakeRequest().Header("X-API-Key", Key));
        var deleted = harness.Send("docurift", OperationKind.WebhookDelete, new FakeRequest { Method = "DELETE" }.Header("X-API-Key", Key).Route("id", id));
        var again = harness.Send("docurift", OperationKind.WebhookDelete, new FakeRequest { Method = "DELETE" }.Header("X-API-Key", Key).Route("id", id));

        var listed = list.Body.GetProperty("data").EnumerateArray().Should().ContainSingle().Subject;
        listed.GetProperty("id").GetString().Should().Be(id);
        listed.TryGetProperty("secret", out _).Should().BeFalse("the secret is shown only when the endpoint is created");
        deleted.StatusCode.Should().Be(200);
        again.StatusCode.Should().Be(404);
        again.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("WEBHOOK_NOT_FOUND");
    }

    [Theory]
    [InlineData("""{"events":["document.processing.completed"]}""", "url")]
    [InlineData("""{"url":"ftp://x/y","events":["document.processing.completed"]}""", "url")]
    [InlineData("""{"url":"https://x/y","events":["document.exploded"]}""", "document.exploded")]
    [InlineData("""{"url":"https://x/y","events":[]}""", "events")]
    [InlineData("""{"url":"https://x/y","events":["document.processing.completed"],"active":"yes"}""", "active")]
    public void Register_AnInvalidBody_Answers400NamingTheField(string json, string named)
    {
        var (harness, _) = Start();

        var answer = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest(json));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Contain(named);
    }

    [Fact]
    public void Reset_DropsEndpointsAndPendingDeliveries()
    {
        var (harness, receiver) = Start();
        Register(harness, """{"url":"http://127.0.0.1:9/all","events":["document.processing.completed"]}""");
        Submit(harness, "invoice.pdf");

        harness.Engine.Reset();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Should().BeEmpty();
        harness.Engine.Webhooks.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void AnEndpoint_HearsTheJobsItsKeySubmits_WhenAnOpenScenarioWithoutSubmissionsLoadsFirst()
    {
        var open = """
            version: 1
            name: declared-only
            dialect: docurift
            jobs: [{ id: job_declared001, lifecycle: [{ status: completed }] }]
            """;
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYamls([open, Scenario], options: new JobEmulatorEngineOptions { WebhookTransport = receiver });
        Register(harness, """{"url":"http://127.0.0.1:9/all","events":["document.processing.completed"]}""");
        var id = Submit(harness, "invoice.pdf");

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Parse(receiver.Received.Should().ContainSingle().Subject).GetProperty("data").GetProperty("id").GetString().Should().Be(id);
    }

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start(int failFirst = 0)
    {
        var receiver = new RecordingTransport { FailFirst = failFirst };
        return (EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static string Submit(EmulatorHarness harness, string fileName, params (string Name, string Value)[] fields)
    {
        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(Key, fileName, fields));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    private static JsonElement Register(EmulatorHarness harness, string json)
    {
        var answer = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest(json));
        answer.StatusCode.Should().Be(201, answer.Text);
        return answer.Body;
    }

    private static FakeRequest RegisterRequest(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        return new FakeRequest { Method = "POST", Body = RequestBody.Read(fields, []) }.Header("X-API-Key", Key);
    }

    private static JsonElement Parse(Core.Webhooks.WebhookMessage message)
    {
        using var document = JsonDocument.Parse(message.Body);
        return document.RootElement.Clone();
    }
}
