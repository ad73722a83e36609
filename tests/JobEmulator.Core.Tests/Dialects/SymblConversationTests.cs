using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>
/// Symbl's Conversation API for a processed conversation: what its getting-started sample and SDKs read after the
/// job completes, in the shapes Symbl's reference and SDK models give, drawn from the seed and scriptable per job.
/// </summary>
public sealed class SymblConversationTests
{
    private const string Scenario = """
        version: 1
        name: symbl-conversations
        dialect: symbl
        seed: 8
        auth: { keys: [tok] }
        submitted_jobs:
          - when: { name: scripted }
            conversation:
              conversation: { name: Scripted sync, metadata: { team: sales } }
              messages:
                - { id: "1", text: "Hello there." }
              summary: []
            lifecycle:
              - { status: completed }
          - lifecycle:
              - { status: in_progress, after: 5s }
              - { status: completed }
        """;

    private static readonly string[] Reads = ["", "/messages", "/topics", "/questions", "/action-items", "/follow-ups", "/entities", "/summary"];

    [Fact]
    public void BeforeTheJobCompletes_EveryReadIsSymbls404_AndAnUnknownConversationIsNotFound()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "Call").ConversationId;

        foreach (var read in Reads)
        {
            var early = Read(harness, conversation, read);
            early.StatusCode.Should().Be(404, read);
            early.Body.GetProperty("message").GetString().Should().Be($"The conversation {conversation} is still being processed; its insights are available once its job is completed.");
        }

        var unknown = Read(harness, "1234567890123456", "/messages");
        unknown.StatusCode.Should().Be(404);
        unknown.Text.Should().Be("""{"message":"The conversationId is either invalid or does not exist."}""");
        Read(harness, conversation, "/messages", token: null).StatusCode.Should().Be(401);
        Read(harness, conversation, "/messages", token: "stranger").StatusCode.Should().Be(401);
        harness.Journal().Skip(1).Select(e => (e.StatusCode, e.Outcome)).Should().Equal(
            [.. Reads.Select(_ => (404, "not-ready")), (404, "not-found"), (401, "missing-credentials"), (401, "invalid-credentials")]);
    }

    [Fact]
    public void OnceCompleted_TheConversationReadsInSymblsShapes_AndInsightsPointAtItsMessages()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var (conversation, _) = Submit(harness, "Sales call");
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var meta = Read(harness, conversation, "");
        var messages = Read(harness, conversation, "/messages");
        var topics = Read(harness, conversation, "/topics");
        var questions = Read(harness, conversation, "/questions");
        var actions = Read(harness, conversation, "/action-items");
        var followUps = Read(harness, conversation, "/follow-ups");
        var entities = Read(harness, conversation, "/entities");
        var summary = Read(harness, conversation, "/summary");

        new[] { meta, messages, topics, questions, actions, followUps, entities, summary }.Should().OnlyContain(a => a.StatusCode == 200);
        Names(meta.Body).Should().Equal("id", "type", "name", "startTime", "endTime", "members", "metadata");
        meta.Body.GetProperty("id").GetString().Should().Be(conversation);
        meta.Body.GetProperty("name").GetString().Should().Be("Sales call", "the submission's name names the conversation");
        meta.Body.GetProperty("startTime").GetString().Should().Be("2024-01-27T10:30:00.000Z", "the conversation began when it was submitted");
        Names(meta.Body.GetProperty("members")[0]).Should().Equal("id", "name", "email");

        var list = messages.Body.GetProperty("messages");
        Names(messages.Body).Should().Equal("messages");
        list.GetArrayLength().Should().BeInRange(6, 8);
        Names(list[0]).Should().Equal("id", "text", "from", "startTime", "endTime", "timeOffset", "duration", "conversationId", "phrases");
        Names(list[0].GetProperty("from")).Should().Equal("id", "name", "userId");
        list.EnumerateArray().Should().OnlyContain(m => m.GetProperty("conversationId").GetString() == conversation && m.GetProperty("id").GetString()!.Length == 16);
        var ids = list.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        var members = meta.Body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        list.EnumerateArray().Select(m => m.GetProperty("from").GetProperty("id").GetString()).Should().OnlyContain(id => members.Contains(id));
        var offsets = list.EnumerateArray().Select(m => m.GetProperty("timeOffset").GetDouble()).ToList();
        offsets.Should().BeInAscendingOrder();

        Names(topics.Body.GetProperty("topics")[0]).Should().Equal("id", "text", "type", "score", "messageIds", "parentRefs");
        Names(questions.Body.GetProperty("questions")[0]).Should().Equal("id", "text", "type", "score", "messageIds", "from");
        questions.Body.GetProperty("questions").EnumerateArray().Should().OnlyContain(q => q.GetProperty("text").GetString()!.EndsWith('?'));
        Names(actions.Body.GetProperty("actionItems")[0]).Should().Equal("id", "text", "type", "score", "messageIds", "entities", "phrases", "from", "definitive", "assignee", "dueBy");
        actions.Body.GetProperty("actionItems")[0].GetProperty("type").GetString().Should().Be("action_item");
        Names(followUps.Body.GetProperty("followUps")[0]).Should().Equal("id", "text", "type", "score", "messageIds", "entities", "phrases", "from", "assignee", "dueBy");
        Names(entities.Body.GetProperty("entities")[0]).Should().Equal("type", "subType", "category", "matches");
        Names(summary.Body.GetProperty("summary")[0]).Should().Equal("id", "text", "messageRefs");

        var referenced = topics.Body.GetProperty("topics").EnumerateArray().SelectMany(t => t.GetProperty("messageIds").EnumerateArray())
            .Concat(questions.Body.GetProperty("questions").EnumerateArray().SelectMany(q => q.GetProperty("messageIds").EnumerateArray()))
            .Concat(actions.Body.GetProperty("actionItems").EnumerateArray().SelectMany(q => q.GetProperty("messageIds").EnumerateArray()))
            .Concat(summary.Body.GetProperty("summary").EnumerateArray().SelectMany(s => s.GetProperty("messageRefs").EnumerateArray().Select(r => r.GetProperty("id"))))
            .Concat(entities.Body.GetProperty("entities").EnumerateArray().SelectMany(e => e.GetProperty("matches")[0].GetProperty("messageRefs").EnumerateArray().Select(r => r.GetProperty("id"))))
            .Select(id => id.GetString());
        referenced.Should().OnlyContain(id => ids.Contains(id), "every insight points at a message of the conversation");
        var action = actions.Body.GetProperty("actionItems")[0];
        list.EnumerateArray().Single(m => m.GetProperty("id").GetString() == action.GetProperty("messageIds")[0].GetString())
            .GetProperty("text").GetString().Should().Be(action.GetProperty("text").GetString());
    }

    [Fact]
    public void Verbose_AddsEachMessagesWords_AndSentiment_AddsPolarity()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "Call").ConversationId;
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var plain = Read(harness, conversation, "/messages").Body.GetProperty("messages")[0];
        var rich = Read(harness, conversation, "/messages", query: [("verbose", "true"), ("sentiment", "true")]).Body.GetProperty("messages")[0];
        var topic = Read(harness, conversation, "/topics", query: [("sentiment", "true")]).Body.GetProperty("topics")[0];

        Names(rich).Should().Equal([.. Names(plain), "sentiment", "words"]);
        rich.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()).Should().Equal(plain.GetProperty("text").GetString()!.Split(' '));
        Names(rich.GetProperty("words")[0]).Should().Equal("word", "startTime", "endTime", "score", "timeOffset", "duration");
        rich.GetProperty("words")[0].GetProperty("startTime").GetString().Should().Be(plain.GetProperty("startTime").GetString());
        Names(rich.GetProperty("sentiment")).Should().Equal("polarity", "suggested");
        rich.GetProperty("sentiment").GetProperty("suggested").GetString().Should().BeOneOf("positive", "neutral", "negative");
        Names(topic).Should().Contain("sentiment");
    }

    [Fact]
    public void TheSameSeedAndConversation_ReadTheSameBytes_AndAnotherConversationReadsOtherwise()
    {
        string[] Run()
        {
            var harness = EmulatorHarness.FromYaml(Scenario);
            var first = Submit(harness, "Call").ConversationId;
            var second = Submit(harness, "Call").ConversationId;
            harness.Clock.Advance(TimeSpan.FromSeconds(5));
            return [.. Reads.Select(r => Read(harness, first, r).Text), Read(harness, second, "/messages").Text];
        }

        var one = Run();
        var two = Run();

        two.Should().Equal(one);
        one[^1].Should().NotBe(one[1], "each conversation draws its own content");
    }

    [Fact]
    public void AConversationBlock_ReplacesWhatItNames_AndLeavesTheRestGenerated()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "scripted").ConversationId;

        var meta = Read(harness, conversation, "");
        var messages = Read(harness, conversation, "/messages");
        var summary = Read(harness, conversation, "/summary");
        var topics = Read(harness, conversation, "/topics");

        meta.Body.GetProperty("name").GetString().Should().Be("Scripted sync");
        meta.Body.GetProperty("metadata").GetRawText().Should().Be("""{"team":"sales"}""");
        meta.Body.GetProperty("id").GetString().Should().Be(conversation);
        messages.Text.Should().Be("""{"messages":[{"id":"1","text":"Hello there."}]}""");
        summary.Text.Should().Be("""{"summary":[]}""");
        topics.Body.GetProperty("topics").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public void AnAppendInProgress_LeavesThePreviousAnswer_UntilItCompletes()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "scripted").ConversationId;
        var put = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "PUT" && o.Route == "/v1/process/text/{conversationId}");
        var appended = harness.Send("symbl", put, Json("""{"messages":[{"payload":{"content":"More"}}]}""", "/v1/process/text/" + conversation).Route("conversationId", conversation));
        appended.StatusCode.Should().Be(201, appended.Text);

        Read(harness, conversation, "/messages").Text.Should().Be("""{"messages":[{"id":"1","text":"Hello there."}]}""", "the append is still in progress");
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        Read(harness, conversation, "/messages").Body.GetProperty("messages").GetArrayLength().Should().BeGreaterThan(1, "the append's job completed: its conversation shows");
    }

    [Fact]
    public void OfAConversationsJobs_TheNewestDecidesWhoMayRead_AndTheNewestCompletedWhatIsRead_WhateverOrderTheyAreStoredIn()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var (conversation, firstJob) = Submit(harness, "generated");
        var put = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "PUT" && o.Route == "/v1/process/text/{conversationId}");
        var jobs = new List<string> { firstJob };
        for (var i = 0; i < 4; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            jobs.Add(harness.Send("symbl", put, Json("""{"messages":[{"payload":{"content":"More"}}]}""", "/v1/process/text/" + conversation).Route("conversationId", conversation)).Body.GetProperty("jobId").GetString()!);
        }

        Read(harness, conversation, "/messages").Head.JobId.Should().Be(jobs[^1], "none has completed: the refusal names the newest job");
        for (var i = 0; i < jobs.Count; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            var answer = Read(harness, conversation, "");
            answer.Head.JobId.Should().Be(jobs[i], "job {0} completed at {1} s", i, 5 + i);
            answer.Body.GetProperty("startTime").GetString().Should().Be("2024-01-27T10:30:00.000Z", "the conversation began with its first job");
        }
    }

    [Fact]
    public void AcrossScenarios_ALaterJobIsNewer_ThoughItsScenarioNumbersItsSubmissionsFromOne()
    {
        var harness = EmulatorHarness.FromYamls([Scenario, """
            version: 1
            name: appends
            dialect: symbl
            auth: { keys: [append_key] }
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """]);
        Submit(harness, "scripted");
        var conversation = Submit(harness, "scripted").ConversationId;
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var put = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "PUT" && o.Route == "/v1/process/text/{conversationId}");
        var appended = harness.Send("symbl", put, Json("""{"messages":[{"payload":{"content":"More"}}]}""", "/v1/process/text/" + conversation, "append_key").Route("conversationId", conversation)).Body.GetProperty("jobId").GetString()!;

        var read = Read(harness, conversation, "/messages", token: "append_key");

        read.StatusCode.Should().Be(200, read.Text);
        read.Head.JobId.Should().Be(appended, "it was submitted a second later, though it is its scenario's first submission and the other job its scenario's second");
    }

    [Fact]
    public void Experiences_AnswerTheSummaryUrl_AndCheckTheBodyAsSymblDoes()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "scripted").ConversationId;

        var text = Experience(harness, conversation, """{"name":"verbose-text-summary"}""");
        var video = Experience(harness, conversation, """{"name":"video-summary","videoUrl":"https://example.com/v.mp4","summaryURLExpiresIn":0}""");
        var noName = Experience(harness, conversation, """{"logo":"https://example.com/l.png"}""");
        var noVideo = Experience(harness, conversation, """{"name":"video-summary"}""");
        var unknown = Experience(harness, conversation, """{"name":"movie"}""");

        text.StatusCode.Should().Be(201);
        Names(text.Body).Should().Equal("name", "url");
        var url = text.Body.GetProperty("url").GetString()!;
        url.Should().StartWith("https://meetinginsights.symbl.ai/meeting/#/");
        Encoding.UTF8.GetString(Convert.FromBase64String(url[url.LastIndexOf('/')..][1..])).Should().Be($$"""{"sessionId":"{{conversation}}"}""");
        video.Body.GetProperty("name").GetString().Should().Be("video-summary");
        noName.StatusCode.Should().Be(400);
        noName.Text.Should().Be("""{"message":"\"name\" is required"}""");
        noVideo.StatusCode.Should().Be(400);
        noVideo.Body.GetProperty("message").GetString().Should().Contain("\"videoUrl\" is required");
        unknown.Body.GetProperty("message").GetString().Should().Be("\"name\" must be one of [verbose-text-summary, video-summary, audio-summary]");
        harness.Journal().Skip(1).Select(e => (e.StatusCode, e.Outcome, e.Operation)).Should().Equal(
            (201, "read", OperationKind.Read), (201, "read", OperationKind.Read), (400, "invalid-request", OperationKind.Read), (400, "invalid-request", OperationKind.Read), (400, "invalid-request", OperationKind.Read));
    }

    [Fact]
    public void Reads_AreJournaled_AndDoNotCountAsPolls()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var (conversation, jobId) = Submit(harness, "scripted");

        Read(harness, conversation, "/messages");

        harness.Journal()[^1].Operation.Should().Be(OperationKind.Read);
        harness.Journal()[^1].JobId.Should().Be(jobId);
        harness.Engine.FindJob(harness.Engine.Dialects.Find("symbl")!, jobId)!.Requests.Should().Be(0);
    }

    [Fact]
    public void Reads_AreCheckedAsPollsAre_ExpiredTokens_OtherTenants_AndTheRateLimit_EachJournaled()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            dialect: symbl
            auth:
              keys: [tok, other, { key: brief, expires_after: 1m }]
              tenants: true
            rate_limit: { requests: 3, per: 1h }  # the submission counts too
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """);
        var mine = Submit(harness, "Call", token: "tok").ConversationId;
        var briefs = Submit(harness, "Call", token: "brief").ConversationId;
        harness.Clock.Advance(TimeSpan.FromMinutes(2));

        var answers = new[]
        {
            Read(harness, mine, "/messages", token: "other"),
            Read(harness, briefs, "/messages", token: "brief"),
            Read(harness, mine, "/topics"),
            Read(harness, mine, "/topics"),
            Read(harness, mine, "/topics"),
        };

        answers.Select(a => a.StatusCode).Should().Equal(403, 401, 200, 200, 429);
        answers[2].Head.RateLimit.Should().NotBeNull("a read answered within the limit says what the limit decided");
        answers[2].Head.RateLimit!.Value.Allowed.Should().BeTrue();
        answers[4].Head.RetryAfterSeconds.Should().BeGreaterThan(0);
        harness.Journal().TakeLast(5).Select(e => e.Outcome).Should().Equal("forbidden", "expired-credentials", "read", "read", "rate-limited");
    }

    [Fact]
    public void AKeyAnotherScenarioAccepts_DoesNotOpenThisScenariosConversations()
    {
        var harness = EmulatorHarness.FromYamls([Scenario, "version: 1\nname: elsewhere\ndialect: symbl\nauth: { keys: [elsewhere_key] }\n"]);
        var conversation = Submit(harness, "scripted").ConversationId;

        var answer = Read(harness, conversation, "/messages", token: "elsewhere_key");

        answer.StatusCode.Should().Be(401);
        answer.Text.Should().Be("""{"message":"Token validation failed for provided token."}""");
        harness.Journal()[^1].Outcome.Should().Be("invalid-credentials");
    }

    [Fact]
    public void ABodyTooLargeOrUnreadable_IsRefusedBeforeAnythingIsLookedUp()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var operation = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "POST" && o.Route == "/v1/conversations/{conversationId}/experiences");
        FakeRequest Refused(BodyReadStatus status) => new FakeRequest { Method = "POST", Body = RequestBody.Refused(status, "the body is not JSON") }
            .Route("conversationId", "1234567890123456").Header("Authorization", "Bearer tok");

        var tooLarge = harness.Send("symbl", operation, Refused(BodyReadStatus.TooLarge));
        var malformed = harness.Send("symbl", operation, Refused(BodyReadStatus.Malformed));

        tooLarge.StatusCode.Should().Be(413);
        tooLarge.Text.Should().Be("""{"message":"Payload Too Large"}""");
        malformed.StatusCode.Should().Be(400);
        malformed.Text.Should().Be("""{"message":"the body is not JSON"}""");
        harness.Journal().Select(e => e.Outcome).Should().Equal("malformed", "malformed");
    }

    [Fact]
    public void OfJobsSubmittedAtOneInstant_TheLaterSubmissionIsTheNewer_AndAcrossInstantsTheLaterOne()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var conversation = Submit(harness, "scripted").ConversationId;
        var put = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "PUT" && o.Route == "/v1/process/text/{conversationId}");
        string Append(string name) => harness.Send("symbl", put, Json($$$"""{"name":"{{{name}}}","messages":[{"payload":{"content":"More"}}]}""", "/v1/process/text/" + conversation).Route("conversationId", conversation)).Body.GetProperty("jobId").GetString()!;

        var generated = Append("generated");
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        Read(harness, conversation, "/messages").Head.JobId.Should().Be(generated, "it was submitted after the scripted one, at the same instant");
        var scripted = Append("scripted");
        Read(harness, conversation, "/messages").Head.JobId.Should().Be(scripted, "it is the newest completed job");
        Read(harness, conversation, "").Body.GetProperty("startTime").GetString().Should().Be("2024-01-27T10:30:00.000Z", "the conversation began with its first job");
    }

    [Theory]
    [InlineData("conversation: { message: [] }", "unknown key 'message' in 'conversation'")]
    [InlineData("conversation: { messages: { id: 1 } }", "'conversation.messages' (the messages, as GET …/messages answers them) must be a list")]
    [InlineData("conversation: [a]", "'conversation' (what the Conversation API answers once the job completes, replacing what is generated) must be a mapping")]
    public void AConversationBlockOfTheWrongShape_IsRefusedAtItsLine(string block, string message)
    {
        var yaml = $"version: 1\ndialect: symbl\njobs:\n  - id: j1\n    {block}\n    lifecycle: [{{ status: completed }}]\n";

        var act = () => new ScenarioLoader().LoadYaml(yaml, "bad.yaml");

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().Contain(e => e.Message.Contains(message, StringComparison.Ordinal) && e.Position.Line == 5);
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static (string ConversationId, string JobId) Submit(EmulatorHarness harness, string name, string token = "tok")
    {
        var operation = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url");
        var answer = harness.Send("symbl", operation, Json($$"""{"url":"https://example.com/a.mp3","name":"{{name}}"}""", "/v1/process/audio/url", token));
        answer.StatusCode.Should().Be(201, answer.Text);
        return (answer.Body.GetProperty("conversationId").GetString()!, answer.Body.GetProperty("jobId").GetString()!);
    }

    private static Answer Read(EmulatorHarness harness, string conversation, string read, string? token = "tok", (string Name, string Value)[]? query = null)
    {
        var operation = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "GET" && o.Route == "/v1/conversations/{conversationId}" + read);
        var request = new FakeRequest { Path = $"/v1/conversations/{conversation}{read}" }.Route("conversationId", conversation);
        foreach (var (name, value) in query ?? [])
        {
            request = request.Query(name, value);
        }

        return harness.Send("symbl", operation, token is null ? request : request.Header("Authorization", "Bearer " + token));
    }

    private static Answer Experience(EmulatorHarness harness, string conversation, string json)
    {
        var operation = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "POST" && o.Route == "/v1/conversations/{conversationId}/experiences");
        return harness.Send("symbl", operation, Json(json, $"/v1/conversations/{conversation}/experiences").Route("conversationId", conversation));
    }

    private static FakeRequest Json(string json, string path, string token = "tok")
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        return new FakeRequest { Method = "POST", Path = path, Body = RequestBody.Read(fields, []) }.Header("Authorization", "Bearer " + token);
    }
}
