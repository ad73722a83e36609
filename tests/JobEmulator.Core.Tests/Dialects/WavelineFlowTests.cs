using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Waveline's whole extract API: submission, listing and polling.</summary>
public sealed class WavelineFlowTests
{
    private const string Scenario = """
        version: 1
        dialect: waveline
        seed: 9
        auth: { keys: [wl_team_a] }
        jobs:
          - id: a5ecc735-c48e-43ea-a739-d42bfb19edb3
            lifecycle: [{ status: completed }]
        submitted_jobs:
          lifecycle:
            - { status: CREATED, after: 1s }
            - { status: RUNNING, after: 2s }
            - { status: COMPLETED }
        """;

    private const string OtherTeam = """
        version: 1
        name: team-b
        dialect: waveline
        auth: { keys: [wl_team_b] }
        jobs:
          - id: 0f0f0f0f-0000-4000-8000-000000000001
            lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void ExtractDocument_AnswersTheCreatedJob_WithItsSelfLink_ThenPollsToCompletion()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var created = Submit(harness, "extract-document", "wl_team_a", """{"fileName":"invoice.pdf","contentType":"application/pdf","content":"JVBERi0=","shape":{"total":"number"}}""");

        created.StatusCode.Should().Be(200, created.Text);
        created.Body.GetProperty("status").GetString().Should().Be("CREATED");
        created.Body.GetProperty("type").GetString().Should().Be("extract-document");
        created.Body.GetProperty("fileName").GetString().Should().Be("invoice.pdf");
        var id = created.Body.GetProperty("id").GetString()!;
        created.Body.GetProperty("urls").GetProperty("get").GetString().Should().Be("http://127.0.0.1:8080/api/v1/jobs/" + id);
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        harness.Poll("waveline", Poll("wl_team_a", id)).Body.GetProperty("status").GetString().Should().Be("COMPLETED");
    }

    [Theory]
    [InlineData("extract-document", """{"fileName":"a.pdf","content":"JVBERi0="}""", "shape")]
    [InlineData("guess-shape", """{"fileName":"a.pdf"}""", "'content'")]
    [InlineData("guess-shape", """{"url":"https://example.com/a.pdf"}""", "fileName")]
    public void Submit_MissingWhatTheEndpointNeeds_Answers400WithTheErrorString(string endpoint, string json, string named)
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var answer = Submit(harness, endpoint, "wl_team_a", json);

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("error").GetString().Should().Contain(named);
    }

    [Fact]
    public void TheJobList_IsTheKeysJobsNewestFirst_APageAtATime()
    {
        var harness = EmulatorHarness.FromYamls([Scenario, OtherTeam]);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = Submit(harness, "guess-shape", "wl_team_a", """{"fileName":"1.pdf","url":"https://example.com/1.pdf"}""").Body.GetProperty("id").GetString();
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Submit(harness, "guess-shape", "wl_team_a", """{"fileName":"2.pdf","url":"https://example.com/2.pdf"}""").Body.GetProperty("id").GetString();

        var page = List(harness, "wl_team_a", ("count", "2"), ("offset", "0"));
        var rest = List(harness, "wl_team_a", ("count", "2"), ("offset", "2"));

        page.StatusCode.Should().Be(200);
        page.Body.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()).Should().Equal(second, first);
        page.Body.GetProperty("total").GetInt32().Should().Be(3, "the declared job and two submissions; team B's job is not listed");
        page.Body.GetProperty("count").GetInt32().Should().Be(2);
        rest.Body.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()).Should().Equal("a5ecc735-c48e-43ea-a739-d42bfb19edb3");
        harness.Journal().Where(e => e.Operation == OperationKind.Status).Should().BeEmpty("listing is not polling");
    }

    [Theory]
    [InlineData("count", "0")]
    [InlineData("count", "1000")]
    [InlineData("offset", "-1")]
    [InlineData("count", "ten")]
    public void TheJobList_WithABadPage_Answers400(string name, string value)
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var answer = List(harness, "wl_team_a", (name, value));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("error").GetString().Should().Contain(name);
    }

    [Fact]
    public void ThePage_TakesUpToItsMaximum_SaysWhatIsWrongOtherwise_AndIsJournaled()
    {
        var harness = EmulatorHarness.FromYamls([Scenario]);

        var largest = List(harness, "wl_team_a", ("count", "100"));
        var tooMany = List(harness, "wl_team_a", ("count", "101"));
        var negative = List(harness, "wl_team_a", ("offset", "-1"));
        var fallback = List(harness, "wl_team_a");

        largest.StatusCode.Should().Be(200);
        largest.Body.GetProperty("count").GetInt32().Should().Be(100);
        tooMany.Body.GetProperty("error").GetString().Should().Be("'count' must be a whole number from 1 to 100");
        negative.Body.GetProperty("error").GetString().Should().Be("'offset' must be a whole number from 0");
        fallback.Body.GetProperty("count").GetInt32().Should().Be(10, "Waveline's page is 10 by default");
        var pastTheEnd = List(harness, "wl_team_a", ("offset", "50"));
        pastTheEnd.Body.GetProperty("items").GetArrayLength().Should().Be(0);
        pastTheEnd.Body.GetProperty("total").GetInt32().Should().Be(1);
        harness.Journal().Select(e => (e.StatusCode, e.Outcome, e.Credential)).Should().Equal(
            (200, "listed", "wl_team_a"), (400, "invalid-page", "wl_team_a"), (400, "invalid-page", "wl_team_a"), (200, "listed", "wl_team_a"), (200, "listed", "wl_team_a"));
    }

    [Fact]
    public void JobsMadeAtOneInstant_AreListedByIdDescending_AfterNewerOnes()
    {
        var harness = EmulatorHarness.FromYamls(["""
            version: 1
            dialect: waveline
            auth: { keys: [wl_k] }
            jobs:
              - { id: a0000000-0000-4000-8000-000000000001, lifecycle: [{ status: COMPLETED }] }
              - { id: c0000000-0000-4000-8000-000000000003, lifecycle: [{ status: COMPLETED }] }
              - { id: b0000000-0000-4000-8000-000000000002, lifecycle: [{ status: COMPLETED }] }
            submitted_jobs:
              lifecycle: [{ status: COMPLETED }]
            """]);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var submitted = Submit(harness, "guess-shape", "wl_k", """{"fileName":"a.pdf","url":"https://example.com/a.pdf"}""").Body.GetProperty("id").GetString();

        var ids = List(harness, "wl_k").Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

        ids.Should().Equal(submitted, "c0000000-0000-4000-8000-000000000003", "b0000000-0000-4000-8000-000000000002", "a0000000-0000-4000-8000-000000000001");
    }

    [Fact]
    public void AnExpiredKey_CannotListEither()
    {
        var harness = EmulatorHarness.FromYamls(["""
            version: 1
            dialect: waveline
            auth: { keys: [{ key: wl_short, expires_after: 1m }] }
            """]);

        var before = List(harness, "wl_short").StatusCode;
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = List(harness, "wl_short").StatusCode;
        var stranger = List(harness, "wl_nobody").StatusCode;
        var anonymous = harness.Send("waveline", OperationKind.List, new FakeRequest { Path = "/api/v1/jobs" }).StatusCode;

        (before, after, stranger, anonymous).Should().Be((200, 401, 401, 401));
        harness.Journal().Select(e => e.Outcome).Should().Equal("listed", "expired-credentials", "invalid-credentials", "missing-credentials");
    }

    private static Answer Submit(EmulatorHarness harness, string endpoint, string key, string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        var operation = harness.Engine.Dialects.Find("waveline")!.Operations.Single(o => o.Route == "/api/v1/" + endpoint);
        return harness.Send("waveline", operation, new FakeRequest { Method = "POST", Body = RequestBody.Read(fields, []) }.Header("Authorization", "Bearer " + key));
    }

    private static Answer List(EmulatorHarness harness, string key, params (string Name, string Value)[] query)
    {
        var request = new FakeRequest { Path = "/api/v1/jobs" }.Header("Authorization", "Bearer " + key);
        foreach (var (name, value) in query)
        {
            request.Query(name, value);
        }

        return harness.Send("waveline", OperationKind.List, request);
    }

    private static FakeRequest Poll(string key, string id) =>
        new FakeRequest { Path = "/api/v1/jobs/" + id }.Header("Authorization", "Bearer " + key).Route("id", id);
}
