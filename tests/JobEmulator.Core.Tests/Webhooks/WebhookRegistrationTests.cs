using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>DocuRift's <c>/v1/webhooks</c>: what registering, listing and removing an endpoint answer, journal and change.</summary>
public sealed class WebhookRegistrationTests
{
    private const string Key = "frc_test_key";
    private const string Completed = """{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed"]}""";

    private const string Scenario = """
        version: 1
        name: registrations
        dialect: docurift
        seed: 21
        auth:
          keys: [frc_test_key, { key: frc_old, expires_after: 1h }]
        submitted_jobs:
          lifecycle:
            - { status: pending, after: 1s }
            - { status: processing, after: 2s }
            - { status: completed }
        """;

    private const string OtherScenario = """
        version: 1
        name: other-tenant
        dialect: docurift
        seed: 21
        auth: { keys: [frc_other_key] }
        submitted_jobs:
          lifecycle: [{ status: processing, after: 1s }, { status: completed }]
        """;

    [Fact]
    public void Register_AnswersTheNewEndpointWithItsSecret_InDocuRiftsEnvelope()
    {
        var (harness, _) = Start();

        var answer = Register(harness, """{"url":"https://example.test/Hook?x=1","events":["document.processing.failed","document.processing.started"]}""");

        answer.StatusCode.Should().Be(201, answer.Text);
        answer.Body.EnumerateObject().Select(p => p.Name).Should().Equal("success", "data");
        answer.Body.GetProperty("success").GetBoolean().Should().BeTrue();
        var data = answer.Body.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).Should().Equal("id", "url", "events", "secret", "active", "createdAt");
        data.GetProperty("id").GetString().Should().MatchRegex("^wh_[a-z0-9]{16}$");
        data.GetProperty("url").GetString().Should().Be("https://example.test/Hook?x=1");
        data.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("document.processing.failed", "document.processing.started");
        data.GetProperty("secret").GetString().Should().MatchRegex("^whsec_[a-z0-9]{32}$");
        data.GetProperty("active").GetBoolean().Should().BeTrue();
        data.GetProperty("createdAt").GetString().Should().Be("2024-01-27T10:30:00Z");
        var entry = harness.Journal().Should().ContainSingle().Subject;
        (entry.StatusCode, entry.Outcome, entry.JobId, entry.Credential, entry.Operation).Should().Be((201, "registered", data.GetProperty("id").GetString(), Key, (OperationKind?)OperationKind.WebhookCreate));
    }

    [Fact]
    public void Register_DrawsIdsAndSecretsFromTheSeed_TheSameOnEveryRun_AndNewForEachRegistration()
    {
        (string, string)[] Run()
        {
            var (harness, _) = Start();
            return [.. Enumerable.Range(0, 2).Select(_ => Register(harness, Completed).Body.GetProperty("data")).Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("secret").GetString()!))];
        }

        var first = Run();

        first[0].Should().NotBe(first[1]);
        first[0].Item1.Should().NotBe(first[1].Item1);
        first[0].Item2.Should().NotBe(first[1].Item2);
        Run().Should().Equal(first);
    }

    [Fact]
    public void Register_ListsAnEventNamedTwiceOnce()
    {
        var (harness, _) = Start();

        var answer = Register(harness, """{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed","document.processing.failed","document.processing.completed"]}""");

        answer.Body.GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("document.processing.completed", "document.processing.failed");
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:9/hook"}""", "'events' must be a non-empty list of: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":"document.processing.completed"}""", "'events' must be a non-empty list of: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":{"type":"document.processing.completed"}}""", "'events' must be a non-empty list of: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":[]}""", "'events' must be a non-empty list of: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed",7]}""", "unknown event 7; 'events' may list: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":["Document.Processing.Completed"]}""", "unknown event \"Document.Processing.Completed\"; 'events' may list: document.processing.started, document.processing.completed, document.processing.failed")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed"],"active":"TRUE"}""", "'active' must be true or false; found TRUE")]
    [InlineData("""{"url":"/relative/hook","events":["document.processing.completed"]}""", "'url' is required and must be an absolute http or https URL")]
    [InlineData("""{"url":"mailto:ops@example.test","events":["document.processing.completed"]}""", "'url' is required and must be an absolute http or https URL")]
    public void Register_AnInvalidRegistration_Answers400WithWhatIsWrong_AndJournalsIt(string json, string message)
    {
        var (harness, _) = Start();

        var answer = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest(json));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("VALIDATION_ERROR");
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Be(message);
        harness.Journal().Should().ContainSingle().Which.Outcome.Should().Be("invalid-registration");
        harness.Send("docurift", OperationKind.WebhookList, Keyed()).Body.GetProperty("data").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed"],"active":"false"}""", false)]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","events":["document.processing.completed"],"active":"true"}""", true)]
    [InlineData("""{"url":"https://127.0.0.1:9/hook","events":["document.processing.completed"]}""", true)]
    public void Register_TakesAnHttpOrHttpsUrl_ActiveUnlessToldOtherwise(string json, bool active)
    {
        var (harness, _) = Start();

        Register(harness, json).Body.GetProperty("data").GetProperty("active").GetBoolean().Should().Be(active);
    }

    [Fact]
    public void Register_ABodyTooLarge_Answers413_AndAMalformedOne400WithTheReadersProblem()
    {
        var (harness, _) = Start();

        var large = harness.Send("docurift", OperationKind.WebhookCreate, new FakeRequest { Method = "POST", Body = RequestBody.Refused(BodyReadStatus.TooLarge, "too big") }.Header("X-API-Key", Key));
        var malformed = harness.Send("docurift", OperationKind.WebhookCreate, new FakeRequest { Method = "POST", Body = RequestBody.Refused(BodyReadStatus.Malformed, "The body is not valid JSON") }.Header("X-API-Key", Key));

        large.StatusCode.Should().Be(413);
        large.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("FILE_TOO_LARGE");
        malformed.StatusCode.Should().Be(400);
        malformed.Body.GetProperty("error").GetProperty("message").GetString().Should().Be("The body is not valid JSON");
        harness.Journal().Select(e => e.Outcome).Should().Equal("too-large", "invalid-registration");
    }

    [Fact]
    public void Register_PastAHundredEndpoints_Answers400()
    {
        var (harness, _) = Start();
        for (var i = 0; i < 100; i++)
        {
            Register(harness, Completed);
        }

        var answer = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest(Completed));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Be("At most 100 webhook endpoints may be registered");
        harness.Send("docurift", OperationKind.WebhookList, Keyed()).Body.GetProperty("data").GetArrayLength().Should().Be(100);
    }

    [Theory]
    [InlineData(null, 0, "UNAUTHORIZED", "missing-credentials")]
    [InlineData("frc_made_up", 0, "INVALID_API_KEY", "invalid-credentials")]
    [InlineData("frc_old", 60, "API_KEY_EXPIRED", "expired-credentials")]
    public void EveryWebhookOperation_RefusesAMissingUnknownOrExpiredKey_With401(string? key, int minutesLater, string code, string outcome)
    {
        var (harness, _) = Start();
        var id = Register(harness, Completed).Body.GetProperty("data").GetProperty("id").GetString()!;
        harness.Clock.Advance(TimeSpan.FromMinutes(minutesLater));

        FakeRequest WithKey(FakeRequest request) => key is null ? request : request.Header("X-API-Key", key);
        var answers = new[]
        {
            harness.Send("docurift", OperationKind.WebhookCreate, WithKey(new FakeRequest { Method = "POST", Body = Fields(Completed) })),
            harness.Send("docurift", OperationKind.WebhookList, WithKey(new FakeRequest())),
            harness.Send("docurift", OperationKind.WebhookDelete, WithKey(new FakeRequest { Method = "DELETE" }.Route("id", id))),
        };

        answers.Should().AllSatisfy(a =>
        {
            a.StatusCode.Should().Be(401);
            a.Body.GetProperty("error").GetProperty("code").GetString().Should().Be(code);
        });
        harness.Journal().Skip(1).Select(e => (e.Outcome, e.Credential)).Should().Equal(Enumerable.Repeat((outcome, key), 3));
        harness.Send("docurift", OperationKind.WebhookList, new FakeRequest().Header("X-API-Key", Key)).Body.GetProperty("data").GetArrayLength().Should().Be(1, "nothing was registered or removed");
    }

    [Fact]
    public void List_ShowsTheScenariosEndpointsOldestFirst_WithoutSecrets_AndJournalsListed()
    {
        var (harness, _) = Start();
        var first = Register(harness, Completed).Body.GetProperty("data").GetProperty("id").GetString();
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Register(harness, """{"url":"http://127.0.0.1:9/quiet","events":["document.processing.failed"],"active":"false"}""").Body.GetProperty("data").GetProperty("id").GetString();

        var list = harness.Send("docurift", OperationKind.WebhookList, Keyed());

        list.StatusCode.Should().Be(200);
        list.Body.EnumerateObject().Select(p => p.Name).Should().Equal("success", "data");
        list.Body.GetProperty("success").GetBoolean().Should().BeTrue();
        var listed = list.Body.GetProperty("data").EnumerateArray().ToList();
        listed.Select(e => e.GetProperty("id").GetString()).Should().Equal(first, second);
        listed.Should().AllSatisfy(e => e.EnumerateObject().Select(p => p.Name).Should().Equal("id", "url", "events", "active", "createdAt"));
        listed.Select(e => (e.GetProperty("active").GetBoolean(), e.GetProperty("createdAt").GetString())).Should().Equal((true, "2024-01-27T10:30:00Z"), (false, "2024-01-27T10:30:01Z"));
        harness.Journal()[^1].Outcome.Should().Be("listed");
    }

    [Fact]
    public void Delete_AnswersTheRemovedId_AndTheEndpointHearsNothingMore()
    {
        var (harness, receiver) = Start();
        var id = Register(harness, Completed).Body.GetProperty("data").GetProperty("id").GetString()!;
        Submit(harness, Key);

        var deleted = harness.Send("docurift", OperationKind.WebhookDelete, Keyed(new FakeRequest { Method = "DELETE" }).Route("id", id));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        deleted.StatusCode.Should().Be(200);
        deleted.Body.GetRawText().Should().Be($$$"""{"success":true,"data":{"id":"{{{id}}}","deleted":true}}""");
        var entry = harness.Journal()[^1];
        (entry.Outcome, entry.JobId, entry.Operation).Should().Be(("deleted", id, (OperationKind?)OperationKind.WebhookDelete));
        receiver.Received.Should().BeEmpty();
        harness.Send("docurift", OperationKind.WebhookList, Keyed()).Body.GetProperty("data").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wh_doesnotexist0000")]
    public void Delete_AnIdThatIsNotRegistered_Answers404WebhookNotFound(string id)
    {
        var (harness, _) = Start();
        Register(harness, Completed);

        var answer = harness.Send("docurift", OperationKind.WebhookDelete, Keyed(new FakeRequest { Method = "DELETE" }).Route("id", id));

        answer.StatusCode.Should().Be(404);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("WEBHOOK_NOT_FOUND");
        answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Be($"Webhook with ID '{id}' not found");
        harness.Journal()[^1].Outcome.Should().Be("not-found");
        harness.Send("docurift", OperationKind.WebhookList, Keyed()).Body.GetProperty("data").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public void Endpoints_BelongToTheScenarioTheKeyOpens_AndHearOnlyItsJobs()
    {
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYamls([Scenario, OtherScenario], options: new JobEmulatorEngineOptions { WebhookTransport = receiver });
        var mine = Register(harness, Completed).Body.GetProperty("data").GetProperty("id").GetString()!;
        var theirs = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest("""{"url":"http://127.0.0.1:9/other","events":["document.processing.completed"]}""", "frc_other_key"));
        var myJob = Submit(harness, Key);
        var theirJob = Submit(harness, "frc_other_key");

        var theirList = harness.Send("docurift", OperationKind.WebhookList, new FakeRequest().Header("X-API-Key", "frc_other_key"));
        var theirDelete = harness.Send("docurift", OperationKind.WebhookDelete, new FakeRequest { Method = "DELETE" }.Header("X-API-Key", "frc_other_key").Route("id", mine));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        theirs.StatusCode.Should().Be(201);
        theirList.Body.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal(theirs.Body.GetProperty("data").GetProperty("id").GetString());
        theirDelete.StatusCode.Should().Be(404, "another scenario's endpoint is not theirs to remove");
        receiver.Received.Select(m => (m.Url.AbsolutePath, JsonDocument.Parse(m.Body).RootElement.GetProperty("data").GetProperty("id").GetString()))
            .Should().BeEquivalentTo(new[] { ("/hook", myJob), ("/other", theirJob) });
    }

    [Fact]
    public void Registering_WakesTheJobsAlreadyRunning_SoTheEndpointHearsThemWithNobodyPolling()
    {
        var (harness, receiver) = Start();
        var id = Submit(harness, Key); // nobody listens yet

        Register(harness, Completed);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var message = receiver.Received.Should().ContainSingle().Subject;
        var body = JsonDocument.Parse(message.Body).RootElement;
        body.GetProperty("data").GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("createdAt").GetString().Should().Be("2024-01-27T10:30:03Z");
        harness.Journal().Select(e => e.Operation).Should().NotContain(OperationKind.Status);
    }

    [Fact]
    public void AnInactiveEndpoint_HearsNothing()
    {
        var (harness, receiver) = Start();
        Register(harness, """{"url":"http://127.0.0.1:9/hook","events":["document.processing.started","document.processing.completed"],"active":"false"}""");
        var id = Submit(harness, Key);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Poll("docurift", DocuRiftUploads.Poll(Key, id)).Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");

        receiver.Received.Should().BeEmpty();
        harness.Engine.Webhooks.Attempts.Should().BeEmpty();
    }

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start()
    {
        var receiver = new RecordingTransport();
        return (EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver }), receiver);
    }

    private static string Submit(EmulatorHarness harness, string key)
    {
        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    private static Answer Register(EmulatorHarness harness, string json)
    {
        var answer = harness.Send("docurift", OperationKind.WebhookCreate, RegisterRequest(json));
        answer.StatusCode.Should().Be(201, answer.Text);
        return answer;
    }

    private static FakeRequest Keyed(FakeRequest? request = null) => (request ?? new FakeRequest()).Header("X-API-Key", Key);

    private static FakeRequest RegisterRequest(string json, string key = Key) =>
        new FakeRequest { Method = "POST", Body = Fields(json) }.Header("X-API-Key", key);

    // A JSON body as the host's reader hands it over: strings as their text, anything else as raw JSON.
    private static RequestBody Fields(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        return RequestBody.Read(fields, []);
    }
}
