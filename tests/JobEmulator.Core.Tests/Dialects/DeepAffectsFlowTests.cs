using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>DeepAffects' async APIs: v1 and v2 submissions, per-API results, the finishing webhook.</summary>
public sealed class DeepAffectsFlowTests
{
    private const string Scenario = """
        version: 1
        dialect: deepaffects
        seed: 17
        submitted_jobs:
          - when: { api: broken_api }
            lifecycle: [{ status: running, after: 1s }, { status: failed, error: "Audio could not be decoded" }]
          - lifecycle:
              - { status: running, word: "In Progress", after: 3s }
              - { status: completed }
        """;

    [Fact]
    public void AV2Call_EchoesItsRequestId_AndFinishesWithEmotionSegments_AnnouncedToItsWebhook()
    {
        var (harness, receiver) = Start();

        var started = Submit(harness, "v2", "audio", "recognise_emotion", """{"content":"UklGRg==","encoding":"wav","sampleRate":8000,"languageCode":"en-US"}""", ("request_id", "my-request-1"), ("webhook", "http://127.0.0.1:9/da"));
        var polling = Poll(harness, "my-request-1");
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        var done = Poll(harness, "my-request-1");

        started.StatusCode.Should().Be(200, started.Text);
        started.Body.GetRawText().Should().Be("""{"request_id":"my-request-1","api":"recognise_emotion"}""");
        polling.Body.GetProperty("status").GetString().Should().Be("In Progress");
        done.Body.GetProperty("status").GetString().Should().Be("Completed");
        var segments = done.Body.GetProperty("response").GetProperty("response");
        segments.ValueKind.Should().Be(JsonValueKind.Array);
        segments.EnumerateArray().Should().AllSatisfy(s => s.GetProperty("emotion").GetString().Should().NotBeNullOrEmpty());
        var webhook = JsonDocument.Parse(receiver.Received.Should().ContainSingle().Subject.Body).RootElement;
        webhook.GetProperty("request_id").GetString().Should().Be("my-request-1");
        webhook.GetProperty("response").GetRawText().Should().Be(segments.GetRawText());
    }

    [Theory]
    [InlineData("v1", "audio", "diarize", "speaker_id")]
    [InlineData("v1", "text", "summary", "summary")]
    [InlineData("v1", "audio", "speech_recognition", "transcript")]
    public void EachApiFamily_FinishesInItsOwnShape(string version, string area, string api, string property)
    {
        var (harness, _) = Start();

        var started = Submit(harness, version, area, api, area == "text" ? """{"summaryType":"summary","summaryData":"A long meeting.","model":"iamus"}""" : """{"url":"https://example.com/a.wav"}""");
        var id = started.Body.GetProperty("request_id").GetString()!;
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        var result = Poll(harness, id).Body.GetProperty("response").GetProperty("response");

        id.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        (result.ValueKind == JsonValueKind.Array ? result[0] : result).TryGetProperty(property, out _).Should().BeTrue(result.GetRawText());
    }

    [Theory]
    [InlineData("""{"summaryType":"abstractive","summaryData":"A long meeting."}""", "abstractive")]
    [InlineData("""{"summaryType":"extractive","summaryData":"A long meeting."}""", "extractive")]
    [InlineData("""{"summaryData":"A long meeting."}""", "abstractive")]
    public void ASummary_IsKeyedByTheRequestedSummaryType_WithALongAndAShortText(string body, string key)
    {
        var (harness, _) = Start();

        var id = Submit(harness, "v1", "text", "summary", body).Body.GetProperty("request_id").GetString()!;
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        var result = Poll(harness, id).Body.GetProperty("response").GetProperty("response");

        result.EnumerateObject().Select(p => p.Name).Should().Equal(key);
        result.GetProperty(key).EnumerateObject().Select(p => p.Name).Should().Equal("long", "short");
    }

    [Fact]
    public void AFailedCall_ReportsItsErrorInTheWebhook()
    {
        var (harness, receiver) = Start();

        Submit(harness, "v1", "audio", "broken_api", """{"url":"https://example.com/a.wav"}""", ("webhook", "http://127.0.0.1:9/da"));
        harness.Clock.Advance(TimeSpan.FromSeconds(2));

        JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("response").GetProperty("error").GetString().Should().Be("Audio could not be decoded");
    }

    [Fact]
    public void Submissions_RefusedByTheGateway_AnswerInTheFaultEnvelope()
    {
        var (harness, _) = Start();
        Submit(harness, "v2", "audio", "diarize", """{"url":"https://example.com/a.wav"}""", ("request_id", "taken"));

        var noKey = harness.Send("deepaffects", Operation(harness, "v2"), Request("""{"url":"https://example.com/a.wav"}""", "audio", "diarize"));
        var reused = Submit(harness, "v2", "audio", "diarize", """{"url":"https://example.com/a.wav"}""", ("request_id", "taken"));
        var empty = Submit(harness, "v2", "audio", "diarize", """{"encoding":"wav"}""");

        noKey.StatusCode.Should().Be(401);
        noKey.Body.GetProperty("fault").GetProperty("detail").GetProperty("errorcode").GetString().Should().Be("steps.oauth.v2.FailedToResolveAPIKey");
        reused.StatusCode.Should().Be(400);
        empty.StatusCode.Should().Be(400);
        empty.Body.GetProperty("fault").GetProperty("faultstring").GetString().Should().Contain("content, url or summaryData");
    }

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start()
    {
        var receiver = new RecordingTransport();
        return (EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static DialectOperation Operation(EmulatorHarness harness, string version) =>
        harness.Engine.Dialects.Find("deepaffects")!.Operations.Single(o => o.Kind == OperationKind.Submit && o.Route.Contains("/" + version + "/", StringComparison.Ordinal));

    private static Answer Submit(EmulatorHarness harness, string version, string area, string api, string json, params (string Name, string Value)[] query)
    {
        var request = Request(json, area, api).Query("apikey", "API_KEY");
        foreach (var (name, value) in query)
        {
            request.Query(name, value);
        }

        return harness.Send("deepaffects", Operation(harness, version), request);
    }

    private static FakeRequest Request(string json, string area, string api)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        return new FakeRequest { Method = "POST", Body = RequestBody.Read(fields, []) }.Route("area", area).Route("api", api);
    }

    private static Answer Poll(EmulatorHarness harness, string id) =>
        harness.Poll("deepaffects", new FakeRequest().Query("apikey", "API_KEY").Query("request_id", id));
}
