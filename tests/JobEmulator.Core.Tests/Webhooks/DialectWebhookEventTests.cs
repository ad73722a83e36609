using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>Which transitions each vendor announces, and the body and headers it announces them with.</summary>
public sealed class DialectWebhookEventTests
{
    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    [Fact]
    public void DocuRift_AnnouncesProcessingStartedOnce_EvenAcrossTwoProcessingSteps()
    {
        var (harness, receiver) = Start(DocuRift("""
            - { status: pending, after: 1s }
            - { status: processing, after: 1s, progress: [20] }
            - { status: processing, after: 1s, progress: [70] }
            - { status: completed }
            """));
        SubmitDocuRift(harness, ("webhookUrl", "http://127.0.0.1:9/hook"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => Body(m).GetProperty("type").GetString()).Should().Equal("document.processing.started", "document.processing.completed");
        harness.Engine.Webhooks.Attempts.Select(a => a.Time).Should().Equal(T0.AddSeconds(1), T0.AddSeconds(3));
    }

    [Fact]
    public void DocuRift_AJobThatGoesFromPendingStraightToItsEnd_AnnouncesOnlyTheEnd()
    {
        var (harness, receiver) = Start(DocuRift("""
            - { status: pending, after: 1s }
            - { status: failed, error: { code: OCR_FAILED, message: Unreadable } }
            """));
        SubmitDocuRift(harness, ("webhookUrl", "http://127.0.0.1:9/hook"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => Body(m).GetProperty("type").GetString()).Should().Equal("document.processing.failed");
    }

    [Fact]
    public void DocuRift_AnEventWithoutASecret_CarriesItsIdAndTimestampButNoSignature()
    {
        var (harness, receiver) = Start(DocuRift("""
            - { status: pending, after: 1s }
            - { status: completed }
            """));
        SubmitDocuRift(harness, ("webhookUrl", "http://127.0.0.1:9/hook"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var message = receiver.Received.Should().ContainSingle().Subject;
        message.Headers.Should().Equal(
            new KeyValuePair<string, string>("X-DocuRift-Event-Id", Body(message).GetProperty("id").GetString()!),
            new KeyValuePair<string, string>("X-DocuRift-Timestamp", T0.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        message.Header("x-docurift-timestamp").Should().Be("1706351401", "header names are matched ignoring case");
        message.Header("X-DocuRift-Signature").Should().BeNull();
    }

    [Fact]
    public void Symbl_AnnouncesEveryChangeOfStatus_InTheScriptedWord_ButNotAStepThatKeepsTheStatus()
    {
        var (harness, receiver) = Start("""
            version: 1
            name: symbl-hooks
            dialect: symbl
            seed: 3
            auth: { keys: [legacy_token] }
            submitted_jobs:
              lifecycle:
                - { status: scheduled, after: 1s }
                - { status: in_progress, word: transcribing, after: 1s }
                - { status: in_progress, after: 1s, progress: [60] }
                - { status: completed }
            """);
        var submitted = harness.Send("symbl", Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url"), Json("""{"url":"https://example.com/a.mp3","webhookUrl":"http://127.0.0.1:9/symbl"}""").Header("Authorization", "Bearer legacy_token"));
        var jobId = submitted.Body.GetProperty("jobId").GetString()!;

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => Body(m).GetRawText()).Should().Equal(
            $$"""{"jobId":"{{jobId}}","status":"transcribing"}""",
            $$"""{"jobId":"{{jobId}}","status":"completed"}""");
        harness.Engine.Webhooks.Attempts.Select(a => a.Time).Should().Equal(T0.AddSeconds(1), T0.AddSeconds(3));
        receiver.Received.Should().AllSatisfy(m => m.Headers.Should().BeEmpty("Symbl documents no signature"));
    }

    [Fact]
    public void Symbl_AnnouncesAFailedJobAsFailed()
    {
        var (harness, receiver) = Start("""
            version: 1
            name: symbl-failing
            dialect: symbl
            auth: { keys: [legacy_token] }
            submitted_jobs:
              lifecycle: [{ status: in_progress, after: 1s }, { status: failed }]
            """);
        var submitted = harness.Send("symbl", Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url"), Json("""{"url":"https://example.com/a.mp3","webhookUrl":"http://127.0.0.1:9/symbl"}""").Header("Authorization", "Bearer legacy_token"));
        var jobId = submitted.Body.GetProperty("jobId").GetString()!;

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => Body(m).GetRawText()).Should().Equal($$"""{"jobId":"{{jobId}}","status":"failed"}""");
    }

    [Fact]
    public void DeepAffects_AnnouncesOnlyTheJobsEnd_NotItsStart()
    {
        var (harness, receiver) = Start("""
            version: 1
            dialect: deepaffects
            submitted_jobs:
              lifecycle: [{ status: queued, after: 1s }, { status: running, after: 1s }, { status: completed }]
            """);
        var operation = harness.Engine.Dialects.Find("deepaffects")!.Operations.First(o => o.Kind == OperationKind.Submit && o.Route.Contains("/v1/", StringComparison.Ordinal));
        harness.Send("deepaffects", operation, Json("""{"url":"https://example.com/a.wav"}""").Route("area", "audio").Route("api", "diarize").Query("apikey", "API_KEY").Query("webhook", "http://127.0.0.1:9/da"));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Should().ContainSingle();
        harness.Engine.Webhooks.Attempts.Select(a => a.Time).Should().Equal(T0.AddSeconds(2));
    }

    [Fact]
    public void DeepAffects_AFailedJobWithoutAScriptedMessage_ReportsTheGenericError_Unsigned()
    {
        var (harness, receiver) = Start("""
            version: 1
            dialect: deepaffects
            seed: 17
            submitted_jobs:
              lifecycle: [{ status: running, after: 1s }, { status: failed }]
            """);
        var operation = harness.Engine.Dialects.Find("deepaffects")!.Operations.First(o => o.Kind == OperationKind.Submit && o.Route.Contains("/v1/", StringComparison.Ordinal));
        var started = harness.Send("deepaffects", operation, Json("""{"url":"https://example.com/a.wav"}""").Route("area", "audio").Route("api", "diarize").Query("apikey", "API_KEY").Query("webhook", "http://127.0.0.1:9/da"));
        var id = started.Body.GetProperty("request_id").GetString();

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var message = receiver.Received.Should().ContainSingle().Subject;
        Body(message).GetRawText().Should().Be($$$"""{"request_id":"{{{id}}}","response":{"error":"The request could not be processed."}}""");
        message.Headers.Should().BeEmpty();
    }

    [Fact]
    public void TheDefaultEndpointBodies_AreThePlainEndpointObject_WithTheSecretOnlyWhenAsked()
    {
        var format = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!.Webhooks!;
        var scenario = new Core.Scenarios.ScenarioLoader().LoadYaml("version: 1\ndialect: symbl\n", "symbl.yaml");
        var endpoint = new WebhookEndpoint("wh_1", new Uri("http://127.0.0.1:9/Hook"), ["status_change"], "sec", Active: false, T0, scenario);

        var created = Write(w => format.WriteEndpoint(w, endpoint, withSecret: true));
        var listed = Write(w => format.WriteEndpoints(w, [endpoint, endpoint with { Id = "wh_2", Active = true }]));
        var deleted = Write(w => format.WriteDeleted(w, endpoint));

        created.Should().Be("""{"id":"wh_1","url":"http://127.0.0.1:9/Hook","events":["status_change"],"secret":"sec","active":false,"createdAt":"2024-01-27T10:30:00Z"}""");
        listed.Should().Be("""[{"id":"wh_1","url":"http://127.0.0.1:9/Hook","events":["status_change"],"active":false,"createdAt":"2024-01-27T10:30:00Z"},{"id":"wh_2","url":"http://127.0.0.1:9/Hook","events":["status_change"],"active":true,"createdAt":"2024-01-27T10:30:00Z"}]""");
        deleted.Should().Be("""{"id":"wh_1","deleted":true}""");
    }

    [Fact]
    public void TheDefaultEndpointIdsAndSecrets_AreDrawnFromTheSeed()
    {
        var format = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!.Webhooks!;

        var id = format.NewEndpointId(new Core.Dialects.FakeData(1));
        var secret = format.NewSecret(new Core.Dialects.FakeData(1));

        id.Should().MatchRegex("^wh_[a-z0-9]{16}$").And.Be(format.NewEndpointId(new Core.Dialects.FakeData(1)));
        secret.Should().MatchRegex("^[a-z0-9]{32}$").And.Be(format.NewSecret(new Core.Dialects.FakeData(1)));
        format.NewEndpointId(new Core.Dialects.FakeData(2)).Should().NotBe(id);
    }

    private static string DocuRift(string lifecycle) =>
        "version: 1\nname: docurift-hooks\ndialect: docurift\nseed: 4\nauth: { keys: [frc_test_key] }\nsubmitted_jobs:\n  lifecycle:\n"
        + string.Join("\n", lifecycle.Split('\n').Select(line => "    " + line));

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start(string yaml)
    {
        var receiver = new RecordingTransport();
        return (EmulatorHarness.FromYaml(yaml, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static void SubmitDocuRift(EmulatorHarness harness, params (string Name, string Value)[] fields) =>
        harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("frc_test_key", "invoice.pdf", fields)).StatusCode.Should().Be(202);

    private static FakeRequest Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new FakeRequest { Method = "POST", Body = RequestBody.Read(fields, []) };
    }

    private static JsonElement Body(WebhookMessage message)
    {
        using var document = JsonDocument.Parse(message.Body);
        return document.RootElement.Clone();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
