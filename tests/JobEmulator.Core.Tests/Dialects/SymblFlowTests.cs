using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Symbl.ai's whole Async API: token, submission, polling and webhooks.</summary>
public sealed class SymblFlowTests
{
    private const string Scenario = """
        version: 1
        name: symbl-async
        dialect: symbl
        seed: 3
        auth:
          apps: [{ app_id: my_app, app_secret: my_secret }]
          keys: [legacy_token]
        submitted_jobs:
          lifecycle:
            - { status: scheduled, after: 2s }
            - { status: in_progress, after: 5s }
            - { status: completed }
        """;

    [Fact]
    public void Token_ThenSubmitAUrl_ThenPoll_RunsTheWholeFlow()
    {
        var (harness, _) = Start();

        var token = harness.Send("symbl", OperationKind.Token, Json(null, """{"type":"application","appId":"my_app","appSecret":"my_secret"}""", "/oauth2/token:generate"));
        token.StatusCode.Should().Be(200);
        token.Body.GetProperty("expiresIn").GetInt32().Should().Be(86400);
        var accessToken = token.Body.GetProperty("accessToken").GetString()!;
        accessToken.Split('.').Should().HaveCount(3, "Symbl issues JWTs");

        var submitted = harness.Send("symbl", AudioUrl(), Json(accessToken, """{"url":"https://example.com/call.mp3","name":"Call","webhookUrl":"","enableSpeakerDiarization":false}""", "/v1/process/audio/url"));
        submitted.StatusCode.Should().Be(201, submitted.Text);
        submitted.Body.EnumerateObject().Select(p => p.Name).Should().Equal("conversationId", "jobId");
        submitted.Body.GetProperty("conversationId").GetString().Should().MatchRegex("^[0-9]{16}$");
        var jobId = submitted.Body.GetProperty("jobId").GetString()!;

        Status(harness, accessToken, jobId).Should().Be("scheduled");
        harness.Clock.Advance(TimeSpan.FromSeconds(7));
        Status(harness, accessToken, jobId).Should().Be("completed");
    }

    [Fact]
    public void Tokens_ExpireOnTheEmulatorsClock_AndWrongAppsGetNone()
    {
        var (harness, _) = Start();
        var accessToken = harness.Send("symbl", OperationKind.Token, Json(null, """{"type":"application","appId":"my_app","appSecret":"my_secret"}""", "/oauth2/token:generate")).Body.GetProperty("accessToken").GetString()!;
        var jobId = harness.Send("symbl", AudioUrl(), Json(accessToken, """{"url":"https://example.com/a.mp3"}""", "/v1/process/audio/url")).Body.GetProperty("jobId").GetString()!;

        var wrongApp = harness.Send("symbl", OperationKind.Token, Json(null, """{"type":"application","appId":"my_app","appSecret":"nope"}""", "/oauth2/token:generate"));
        harness.Clock.Advance(TimeSpan.FromHours(24));
        var expired = harness.Poll("symbl", Poll(accessToken, jobId));
        var legacy = harness.Poll("symbl", Poll("legacy_token", jobId));
        var stranger = harness.Poll("symbl", Poll("made_up", jobId));

        wrongApp.StatusCode.Should().Be(401);
        expired.StatusCode.Should().Be(401);
        expired.Body.GetProperty("message").GetString().Should().Be("Token validation failed for provided token.");
        legacy.StatusCode.Should().Be(200, "declared keys keep working as bearer tokens");
        stranger.StatusCode.Should().Be(401);
    }

    [Fact]
    public void RawAudio_Text_AndAppends_AnswerTheSameShape_AndAppendsKeepTheConversation()
    {
        var (harness, _) = Start();
        var audio = harness.Send("symbl", Find(harness, "POST", "/v1/process/audio"), Raw("legacy_token", "audio/wav", "/v1/process/audio"));
        var conversation = audio.Body.GetProperty("conversationId").GetString()!;
        var appended = harness.Send("symbl", Find(harness, "PUT", "/v1/process/text/{conversationId}"), Json("legacy_token", """{"messages":[{"payload":{"content":"Hello"}}]}""", "/v1/process/text/" + conversation).Route("conversationId", conversation));
        var video = harness.Send("symbl", Find(harness, "POST", "/v1/process/video"), Raw("legacy_token", "application/pdf", "/v1/process/video"));

        audio.StatusCode.Should().Be(201);
        appended.StatusCode.Should().Be(201, appended.Text);
        appended.Body.GetProperty("conversationId").GetString().Should().Be(conversation);
        appended.Body.GetProperty("jobId").GetString().Should().NotBe(audio.Body.GetProperty("jobId").GetString());
        video.StatusCode.Should().Be(400);
        video.Body.GetProperty("message").GetString().Should().Contain("Content-Type");
    }

    [Fact]
    public void RawMedia_WithoutAContentType_IsAccepted_AsSymblDocumentsItOptional()
    {
        var (harness, _) = Start();

        var audio = harness.Send("symbl", Find(harness, "POST", "/v1/process/audio"), Raw("legacy_token", null, "/v1/process/audio"));
        var video = harness.Send("symbl", Find(harness, "POST", "/v1/process/video"), Raw("legacy_token", null, "/v1/process/video"));

        audio.StatusCode.Should().Be(201, audio.Text);
        video.StatusCode.Should().Be(201, video.Text);
    }

    [Fact]
    public void RawMedia_WithAWrongContentType_IsRefusedNamingWhatWasSent_AndAnEmptyBodyNamesTheBody()
    {
        var (harness, _) = Start();

        var wrong = harness.Send("symbl", Find(harness, "POST", "/v1/process/audio"), Raw("legacy_token", "text/plain", "/v1/process/audio"));
        var empty = harness.Send("symbl", Find(harness, "POST", "/v1/process/audio"), Raw("legacy_token", null, "/v1/process/audio", length: 0));

        wrong.StatusCode.Should().Be(400);
        wrong.Body.GetProperty("message").GetString().Should().Contain("found 'text/plain'").And.NotContain("octet-stream");
        empty.StatusCode.Should().Be(400);
        empty.Body.GetProperty("message").GetString().Should().Contain("A request body is required");
    }

    [Fact]
    public void TheWebhook_GetsJobIdAndStatus_OnEveryStatusChange_AtItsInstant()
    {
        var (harness, receiver) = Start();

        var jobId = harness.Send("symbl", AudioUrl(), Json("legacy_token", """{"url":"https://example.com/a.mp3","webhookUrl":"http://127.0.0.1:9/symbl"}""", "/v1/process/audio/url")).Body.GetProperty("jobId").GetString()!;
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => JsonDocument.Parse(m.Body).RootElement.GetRawText()).Should().Equal(
            $$"""{"jobId":"{{jobId}}","status":"in_progress"}""",
            $$"""{"jobId":"{{jobId}}","status":"completed"}""");
        harness.Engine.Webhooks.Attempts.Select(a => a.Time - EmulatorHarness.DocumentTime).Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void ASymblToken_OpensNothingInAnotherDialect()
    {
        var (harness, _) = Start();
        var accessToken = harness.Send("symbl", OperationKind.Token, Json(null, """{"type":"application","appId":"my_app","appSecret":"my_secret"}""", "/oauth2/token:generate")).Body.GetProperty("accessToken").GetString()!;
        harness.Engine.Load(new Core.Scenarios.ScenarioLoader().LoadYaml("version: 1\ndialect: waveline\nauth: { keys: [wl_key] }\n", "waveline.yaml"));
        var waveline = harness.Engine.Dialects.Find("waveline")!.Operations.Single(o => o.Route == "/api/v1/guess-shape");

        var answer = harness.Send("waveline", waveline, Json(accessToken, """{"fileName":"a.pdf","url":"https://example.com/a.pdf"}""", "/api/v1/guess-shape"));

        answer.StatusCode.Should().Be(401);
    }

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start()
    {
        var receiver = new RecordingTransport();
        return (EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static DialectOperation AudioUrl() => Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url");

    private static DialectOperation Find(EmulatorHarness harness, string method, string route) =>
        harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == method && o.Route == route);

    private static string Status(EmulatorHarness harness, string token, string jobId) =>
        harness.Poll("symbl", Poll(token, jobId)).Body.GetProperty("status").GetString()!;

    private static FakeRequest Poll(string token, string jobId) =>
        new FakeRequest { Path = "/v1/job/" + jobId }.Header("Authorization", "Bearer " + token).Route("jobId", jobId);

    private static FakeRequest Json(string? token, string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        var request = new FakeRequest { Method = "POST", Path = path, Body = RequestBody.Read(fields, []) };
        return token is null ? request : request.Header("Authorization", "Bearer " + token);
    }

    private static FakeRequest Raw(string token, string? contentType, string path, long length = 4096) =>
        new FakeRequest { Method = "POST", Path = path, Body = RequestBody.Read(new Dictionary<string, string>(), length == 0 ? [] : [new SubmittedFile(string.Empty, null, contentType, length)]) }
            .Header("Authorization", "Bearer " + token);
}
