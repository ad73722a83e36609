using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>
/// Who hears a job: its own webhook, and the active endpoints of its scenario. A job nobody hears has no work scheduled
/// for it (<c>/__admin/health</c>'s <c>scheduled</c> stays 0); one somebody hears has its next timed step woken.
/// </summary>
public sealed class WebhookListenerTests
{
    private const string Key = "frc_test_key";

    private const string Scenario = """
        version: 1
        name: listeners
        dialect: docurift
        seed: 8
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          lifecycle:
            - { status: pending, after: 1s }
            - { status: processing, after: 2s }
            - { status: completed }
        """;

    private const string OtherScenario = """
        version: 1
        name: other-listeners
        dialect: docurift
        auth: { keys: [frc_other_key] }
        submitted_jobs:
          lifecycle: [{ status: processing, after: 1s }, { status: completed }]
        """;

    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    [Fact]
    public void AJobNobodyHears_HasNothingScheduled_UntilAnActiveEndpointOfItsScenarioSubscribes()
    {
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYamls([Scenario, OtherScenario], options: new JobEmulatorEngineOptions { WebhookTransport = receiver });
        Submit(harness, Key);
        var alone = harness.Engine.Scheduler.Pending;

        Register(harness, Key, """{"url":"http://127.0.0.1:9/quiet","events":["document.processing.completed"],"active":false}""");
        var withAnInactiveEndpoint = harness.Engine.Scheduler.Pending;
        Register(harness, "frc_other_key", """{"url":"http://127.0.0.1:9/other","events":["document.processing.completed"]}""");
        Submit(harness, Key);
        var withAnotherScenariosEndpoint = harness.Engine.Scheduler.Pending;
        Register(harness, Key, """{"url":"http://127.0.0.1:9/mine","events":["document.processing.completed"]}""");
        var heard = harness.Engine.Scheduler.Pending;

        (alone, withAnInactiveEndpoint, withAnotherScenariosEndpoint, heard).Should().Be((0, 0, 0, 2), "once heard, each of the two jobs has its next step woken");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        receiver.Received.Select(m => m.Url.AbsolutePath).Should().Equal("/mine", "/mine");
    }

    [Fact]
    public void AJobWithItsOwnWebhook_HasItsNextStepWoken()
    {
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = new RecordingTransport() });

        Submit(harness, Key, ("webhookUrl", "http://127.0.0.1:9/own"));

        harness.Engine.Scheduler.Pending.Should().Be(1);
    }

    [Fact]
    public void Subscribe_RegistersALocalEndpoint_ThatHearsItsEventsSignedWithItsSecret()
    {
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver });
        var scenario = harness.Engine.Scenarios.Scenarios[0];
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var endpoint = harness.Engine.Webhooks.Subscribe(scenario, new Uri("http://127.0.0.1:9/local"), [DocuRiftSignature.Started], "local-secret");
        var id = Submit(harness, Key);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        endpoint.Id.Should().MatchRegex("^wh_local_[0-9a-f]{8}$");
        (endpoint.Url, endpoint.Secret, endpoint.Active, endpoint.CreatedAt).Should().Be((new Uri("http://127.0.0.1:9/local"), "local-secret", true, T0.AddSeconds(5)));
        harness.Engine.Webhooks.EndpointsOf(scenario).Should().Equal(endpoint);
        var message = receiver.Received.Should().ContainSingle().Subject;
        JsonDocument.Parse(message.Body).RootElement.GetProperty("data").GetProperty("id").GetString().Should().Be(id);
        message.Header("X-DocuRift-Signature").Should().Be(DocuRiftSignature.Sign("local-secret", message.Header("X-DocuRift-Timestamp")!, message.Body.Span));
    }

    [Fact]
    public void Subscribe_AfterAJobExists_HearsThatJob_ThoughNobodyPollsIt()
    {
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver });
        var id = Submit(harness, Key);
        harness.Engine.Scheduler.Pending.Should().Be(0, "nobody hears the job yet");

        harness.Engine.Webhooks.Subscribe(harness.Engine.Scenarios.Scenarios[0], new Uri("http://127.0.0.1:9/local"), [DocuRiftSignature.Started, DocuRiftSignature.Completed], "s");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        receiver.Received.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("data").GetProperty("id").GetString()).Should().Equal(id, id);
    }

    [Fact]
    public void Subscribe_WithoutASecret_SendsItsEventsUnsigned()
    {
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = receiver });

        var endpoint = harness.Engine.Webhooks.Subscribe(harness.Engine.Scenarios.Scenarios[0], new Uri("http://127.0.0.1:9/local"), [DocuRiftSignature.Started]);
        Submit(harness, Key);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        endpoint.Secret.Should().BeEmpty();
        var message = receiver.Received.Should().ContainSingle().Subject;
        message.Header("X-DocuRift-Signature").Should().BeNull();
        message.Header("X-DocuRift-Timestamp").Should().NotBeNull();
    }

    [Fact]
    public void Subscribe_PastAHundredEndpoints_IsRefused_AndTheHundredStay()
    {
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = new RecordingTransport() });
        var scenario = harness.Engine.Scenarios.Scenarios[0];
        for (var i = 0; i < 100; i++)
        {
            harness.Engine.Webhooks.Subscribe(scenario, new Uri($"http://127.0.0.1:9/e{i}"), [DocuRiftSignature.Started]);
        }

        var act = () => harness.Engine.Webhooks.Subscribe(scenario, new Uri("http://127.0.0.1:9/one-more"), [DocuRiftSignature.Started]);

        act.Should().Throw<InvalidOperationException>().WithMessage("Scenario 'listeners' already has 100 webhook endpoints, the most one scenario may hold; delete one (the dialect's webhook delete operation) or reset first.");
        harness.Engine.Webhooks.EndpointsOf(scenario).Should().HaveCount(100).And.NotContain(e => e.Url.AbsolutePath == "/one-more");
    }

    [Fact]
    public void EndpointsRegisteredAtOneInstant_AreListedById_AndLaterOnesAfterThem()
    {
        var harness = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { WebhookTransport = new RecordingTransport() });
        var sameInstant = Enumerable.Range(0, 5).Select(_ => Register(harness, Key, """{"url":"http://127.0.0.1:9/a","events":["document.processing.completed"]}""")).ToList();
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = Enumerable.Range(0, 5).Select(_ =>
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            return Register(harness, Key, """{"url":"http://127.0.0.1:9/b","events":["document.processing.completed"]}""");
        }).ToList();

        var listed = harness.Send("docurift", OperationKind.WebhookList, new FakeRequest().Header("X-API-Key", Key)).Body.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

        listed.Should().Equal(sameInstant.Order(StringComparer.Ordinal).Concat(later).ToList());
        later.Should().NotBeInAscendingOrder(StringComparer.Ordinal, "the later endpoints are listed by when they were registered, not by id");
    }

    private static string Submit(EmulatorHarness harness, string key, params (string Name, string Value)[] fields)
    {
        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key, "invoice.pdf", fields));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    private static string Register(EmulatorHarness harness, string key, string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        var answer = harness.Send("docurift", OperationKind.WebhookCreate, new FakeRequest { Method = "POST", Body = RequestBody.Read(fields, []) }.Header("X-API-Key", key));
        answer.StatusCode.Should().Be(201, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }
}
