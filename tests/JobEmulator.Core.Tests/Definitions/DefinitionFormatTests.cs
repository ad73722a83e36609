using System.Text;
using FluentAssertions;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// What a definition says beyond bodies: a success status that follows the job's state (Azure's 202 until done), the
/// vendor's own status per error kind, and events signed the Standard Webhooks way (checked by its reference library).
/// </summary>
public sealed class DefinitionFormatTests
{
    private const string Definition = """
        kind: dialect
        name: acme
        status_words: { queued: NotStarted, running: Running, completed: Succeeded, failed: Failed }
        credentials: [bearer]
        job_id: { route: id, new: "op_{{ fake.text(8, 'abcdefgh') }}" }
        operations:
          - { method: GET, route: "/acme/operations/{id}", kind: status, success: { queued: 202, running: 202 } }
          - { method: POST, route: /acme/jobs, kind: submit, body: json, success: { queued: 202, completed: 201 } }
        submission:
          fields:
            doc: { required: true, description: the document }
            sync: { role: synchronous, choices: ["true", "false"] }
            hook: { role: webhook_url }
            hook_secret: { role: webhook_secret }
        bodies:
          status: { id: "{{ job.id }}", status: "{{ job.status_word }}" }
        webhooks:
          events:
            - { type: operation.succeeded, to: completed }
          event_id: "msg_{{ fake.uuid_hex }}"
          body: { type: "{{ event.type }}", id: "{{ job.id }}" }
          signature: { scheme: standard_webhooks }
        errors:
          status: { validation_failed: 422, job_not_found: 410 }
          body: { error: "{{ error.kind }}" }
          kinds:
            default: { message: wrong }
        """;

    private const string Jobs = """
        dialect: acme
        auth: { keys: [k] }
        jobs:
          - { id: op_one, lifecycle: [{ status: NotStarted, polls: 1 }, { status: Running, polls: 1 }, { status: Succeeded }] }
          - id: op_faulty
            lifecycle: [{ status: Succeeded }]
            faults: [{ on: { poll: 1 }, respond: 404 }]
        submitted_jobs:
          lifecycle: [{ status: NotStarted, after: 1s }, { status: Succeeded }]
        """;

    private static readonly string WithAuthHeader = Definition.Replace(
        "    hook_secret: { role: webhook_secret }\n",
        "    hook_secret: { role: webhook_secret }\n    auth_name: { role: webhook_header_name }\n    auth_value: { role: webhook_header_value }\n",
        StringComparison.Ordinal);

    private static readonly string WithMethod = Definition.Replace(
        "    hook_secret: { role: webhook_secret }\n",
        "    hook_secret: { role: webhook_secret }\n    callback_method: { role: webhook_method }\n",
        StringComparison.Ordinal);

    private static (EmulatorHarness Harness, RecordingTransport Receiver) Start(DateTimeOffset? start = null, string definition = Definition)
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(definition, "acme.yaml");
        var set = ScenarioSet.Create([loader.LoadYaml(Jobs, "jobs.yaml")], loader.Dialects);
        var receiver = new RecordingTransport();
        var harness = start is { } at
            ? EmulatorHarness.OnClock(new FakeTimeProvider(at), set, new JobEmulatorEngineOptions { WebhookTransport = receiver })
            : EmulatorHarness.FromSet(set, new JobEmulatorEngineOptions { WebhookTransport = receiver });
        return (harness, receiver);
    }

    private static FakeRequest Poll(string id) => new FakeRequest().Route("id", id).Header("Authorization", "Bearer k");

    private static FakeRequest Submit(params (string Name, string Value)[] fields) =>
        new FakeRequest { Method = "POST", Body = RequestBody.Read(fields.ToDictionary(f => f.Name, f => f.Value), []) }.Header("Authorization", "Bearer k");

    [Fact]
    public void TheSuccessStatus_FollowsTheJobsState()
    {
        var (harness, _) = Start();

        harness.Poll("acme", Poll("op_one")).StatusCode.Should().Be(202, "not started");
        harness.Poll("acme", Poll("op_one")).StatusCode.Should().Be(202, "running");
        var done = harness.Poll("acme", Poll("op_one"));
        done.StatusCode.Should().Be(200, "a state the map leaves out answers 200");
        done.Text.Should().Be("""{"id":"op_one","status":"Succeeded"}""");

        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"))).StatusCode.Should().Be(202);
        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"), ("sync", "true"))).StatusCode.Should().Be(201, "a synchronous submission answers the finished job");
    }

    [Fact]
    public void TheVendorsOwnErrorStatus_IsAnswered_ButAScriptedFaultKeepsItsOwn()
    {
        var (harness, _) = Start();

        var invalid = harness.Send("acme", OperationKind.Submit, Submit());
        invalid.StatusCode.Should().Be(422);
        invalid.Text.Should().Be("""{"error":"validation_failed"}""");
        harness.Poll("acme", Poll("op_nope")).StatusCode.Should().Be(410);
        harness.Poll("acme", Poll("op_faulty")).StatusCode.Should().Be(404, "the scenario scripts 404, and a scripted fault answers what it scripts");
        harness.Poll("acme", Poll("op_faulty")).StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task StandardWebhooks_AreVerifiedByItsReferenceLibrary()
    {
        // The library checks the timestamp against the wall clock (5 minutes' tolerance): the emulator's clock starts now.
        var (harness, receiver) = Start(DateTimeOffset.UtcNow);
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"), ("hook", "http://127.0.0.1:9/h"), ("hook_secret", secret))).StatusCode.Should().Be(202);

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await receiver.FirstReceived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var message = receiver.Received.Should().ContainSingle().Subject;
        var headers = new HeaderDictionary();
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = value;
        }

        message.Header("webhook-id").Should().StartWith("msg_");
        message.Header("webhook-signature").Should().StartWith("v1,");
        var verify = () => new StandardWebhook(secret).Verify(Encoding.UTF8.GetString(message.Body.Span), headers);
        verify.Should().NotThrow();
        var forged = () => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[24])).Verify(Encoding.UTF8.GetString(message.Body.Span), headers);
        forged.Should().Throw<Exception>("another secret does not verify");
    }

    [Theory]
    [InlineData("kind: submit, body: json, success: { queued: 202, completed: 201 } }", "kind: submit, body: json, success: 204 }", "acme.yaml:8:75: 'success' 204 would be an answer without a body, and JobEmulator answers every operation with the vendor's body; use 200, 201 or 202")]
    [InlineData("success: { queued: 202, running: 202 } }", "success: { queued: 202, running: 205 } }", "acme.yaml:7:99: 'success.running' 205 would be an answer without a body, and JobEmulator answers every operation with the vendor's body; use 200, 201 or 202")]
    [InlineData("success: { queued: 202, running: 202 } }", "success: { queud: 202 } }", "acme.yaml:7:77: unknown key 'queud' in 'success' (by the job's state); expected one of: queued, running, completed, failed")]
    [InlineData("  - { method: GET, route: \"/acme/operations/{id}\", kind: status, success: { queued: 202, running: 202 } }",
        "  - { method: GET, route: \"/acme/operations/{id}\", kind: status }\n  - { method: GET, route: /acme/operations, kind: list, success: { queued: 202 } }",
        "acme.yaml:8:66: 'success' by the job's state is for operations about one job (status, submit, cancel); give this one a single status")]
    [InlineData("status: { validation_failed: 422, job_not_found: 410 }", "status: { validation_faild: 422 }", "acme.yaml:24:13: unknown error kind 'validation_faild'; expected one of: ")]
    [InlineData("status: { validation_failed: 422, job_not_found: 410 }", "status: { validation_failed: 200 }", "acme.yaml:24:32: 'errors.status.validation_failed' must be between 400 and 599; found 200")]
    [InlineData("signature: { scheme: standard_webhooks }", "signature: { scheme: standard_webhooks, header: X-Sig }", "acme.yaml:22:43: 'header' is not for standard_webhooks, which sends webhook-id, webhook-timestamp and webhook-signature")]
    [InlineData("signature: { scheme: standard_webhooks }", "signature: { scheme: hmac_sha256_hex }", "acme.yaml:22:14: 'webhooks.signature' needs 'header'")]
    [InlineData("signature: { scheme: standard_webhooks }", "signature: { scheme: standard_webhooks, prefix: p }", "acme.yaml:22:43: 'prefix' is not for standard_webhooks")]
    [InlineData("signature: { scheme: standard_webhooks }", "signature: { scheme: standard_webhooks, value: v }", "acme.yaml:22:43: 'value' is not for standard_webhooks")]
    public void ABrokenSetting_IsRefusedAtItsLine(string find, string replace, string expected)
    {
        var act = () => DialectDefinitions.Load(Definition.Replace(find, replace, StringComparison.Ordinal), "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString()).Should().Contain(e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"doc\":\"a\",\"url\":\"u\",\"file\":\"f\"}", "give the document as url or as file, not both")]
    [InlineData("{\"doc\":\"a\",\"model\":\"nova\"}", "a nova model needs its language")]
    [InlineData("{\"doc\":\"a\",\"webhook\":\"http://h\"}", "a webhook needs its secret")]
    [InlineData("{\"doc\":\"a\",\"model\":\"base\",\"url\":\"u\"}", null)]
    [InlineData("{\"doc\":\"a\",\"model\":\"nova\",\"language\":\"en\",\"webhook\":\"h\",\"secret\":\"s\"}", null)]
    public void NotWithAndRequiredWhen_RefuseWhatTheyDescribe(string json, string? refusal)
    {
        var dialect = DialectDefinitions.Load(Definition.Replace("""
                hook_secret: { role: webhook_secret }
            """, """
                hook_secret: { role: webhook_secret }
                url: {}
                file: {}
                model: {}
                language: {}
                webhook: {}
                secret: {}
              rules:
                - { not_with: [url, file], message: "give the document as url or as file, not both" }
                - { required: language, when: { model: nova }, message: "a nova model needs its language" }
                - { required: secret, when: webhook, message: "a webhook needs its secret" }
            """, StringComparison.Ordinal), "acme.yaml");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var values = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        dialect.CheckSubmission(dialect.Operations[1], new Submission(values, null, null, null)).Should().Be(refusal);
    }

    [Theory]
    [InlineData("- { not_with: [url], message: m }", "'not_with' names at least two fields, of which at most one may be present")]
    [InlineData("- { required: url, message: m }", "a required rule needs 'when'")]
    [InlineData("- { required: url, when: { doc: a, url: b }, message: m }", "'when' names one field and its value ({ model: nova }), or a field alone")]
    [InlineData("- { required: url, when: nope, message: m }", "a rule names submission fields; found 'nope', expected one of: ")]
    [InlineData("- { colour: url }", "a rule is any_of (one of these fields is required), not_with (at most one of these), required with when")]
    [InlineData("- { not_with: [url, doc], message: m, colour: red }", "unknown key 'colour' in a not_with rule; expected one of: not_with, message")]
    [InlineData("- { not_with: url, message: m }", "'not_with' (fields of which at most one may be present) must be a list")]
    [InlineData("- { not_with: [url, doc] }", "a not_with rule needs 'message'")]
    [InlineData("- { required: url, when: doc, message: m, colour: red }", "unknown key 'colour' in a required rule; expected one of: required, when, message")]
    [InlineData("- { required: url, when: doc }", "a required rule needs 'message'")]
    [InlineData("- { required: url, when: [doc], message: m }", "'when' (a field, or { field: value }) must be a mapping")]
    [InlineData("- { required: url, when: { doc: [a] }, message: m }", "the value in 'when' must be non-empty text")]
    public void ABrokenRule_IsRefused(string rule, string expected)
    {
        var act = () => DialectDefinitions.Load(Definition.Replace("""
                hook_secret: { role: webhook_secret }
            """, $$"""
                hook_secret: { role: webhook_secret }
                url: {}
              rules:
                {{rule}}
            """, StringComparison.Ordinal), "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().Contain(e => e.Message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 401, 2, "the definition's retries: one, after 30 s")]
    [InlineData("  delivery: { retry: [30s], stop_on_4xx: true }\n", 401, 1, "a 4xx stops them")]
    [InlineData("  delivery: { retry: [30s], stop_on_4xx: true }\n", 503, 2, "a 5xx is retried")]
    public void AVendorsDeliveryDefaults_AreKept_UnlessTheScenarioSays(string? delivery, int failWith, int attempts, string because)
    {
        var definition = Definition.Replace("  signature: { scheme: standard_webhooks }\n", (delivery ?? "  delivery: { retry: [30s] }\n"), StringComparison.Ordinal);
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(definition, "acme.yaml");
        var scenario = loader.LoadYaml(Jobs, "jobs.yaml");
        var receiver = new RecordingTransport { FailFirst = 10, FailWith = failWith };
        var harness = EmulatorHarness.FromSet(ScenarioSet.Create([scenario], loader.Dialects), new JobEmulatorEngineOptions { WebhookTransport = receiver });
        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"), ("hook", "http://127.0.0.1:9/h"))).StatusCode.Should().Be(202);

        harness.Clock.Advance(TimeSpan.FromMinutes(10));

        scenario.Webhooks.Retry.Should().Equal([TimeSpan.FromSeconds(30)]);
        scenario.Webhooks.Timeout.Should().Be(TimeSpan.FromSeconds(5), "a key the definition leaves out keeps the emulator's default");
        harness.Engine.Webhooks.Attempts.Should().HaveCount(attempts, because);
    }

    [Fact]
    public void ADeliveryTimeoutOfFiveMinutes_IsTheLongestTaken()
    {
        var dialect = DialectDefinitions.Load(Definition.Replace("signature: { scheme: standard_webhooks }", "delivery: { timeout: 5m }", StringComparison.Ordinal), "acme.yaml");
        var loader = new ScenarioLoader(new Core.Dialects.DialectCatalog([dialect]));

        loader.LoadYaml(Jobs, "jobs.yaml").Webhooks.Timeout.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void AScenariosWebhooks_OverrideTheDefinitionsKeyByKey()
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Definition.Replace("  signature: { scheme: standard_webhooks }\n", "  delivery: { timeout: 9s, retry: [30s], stop_on_4xx: true }\n", StringComparison.Ordinal), "acme.yaml");

        var scenario = loader.LoadYaml(Jobs + "\nwebhooks: { timeout: 2s }\n", "jobs.yaml");
        var again = loader.LoadYaml(Jobs + "\nwebhooks: { stop_on_4xx: false, retry: [] }\n", "again.yaml");

        (scenario.Webhooks.Timeout, scenario.Webhooks.Retry.Count, scenario.Webhooks.StopOn4xx).Should().Be((TimeSpan.FromSeconds(2), 1, true));
        (again.Webhooks.Timeout, again.Webhooks.Retry.Count, again.Webhooks.StopOn4xx).Should().Be((TimeSpan.FromSeconds(9), 0, false));
        loader.Invoking(l => l.LoadYaml(Jobs + "\nwebhooks: { stop_on_4xx: maybe }\n", "bad.yaml")).Should().Throw<ScenarioValidationException>()
            .WithMessage("*bad.yaml:*'webhooks.stop_on_4xx' is true or false; found 'maybe'*");
    }

    [Theory]
    [InlineData("delivery: { timeout: 6m }", "'webhooks.delivery.timeout' is more than 0s and at most 5m")]
    [InlineData("delivery: { timeout: 0s }", "'webhooks.delivery.timeout' must be longer than zero")]
    [InlineData("delivery: { timeout: soon }", "'webhooks.delivery.timeout'")]
    [InlineData("delivery: 5", "'webhooks.delivery' (timeout, retry, stop_on_4xx)")]
    [InlineData("delivery: { method: [PUT] }", "'webhooks.delivery.method'")]
    [InlineData("delivery: { retry: soon }", "'webhooks.delivery.retry' (the waits before each retry")]
    [InlineData("delivery: { stop_on_4xx: yes }", "'webhooks.delivery.stop_on_4xx' is true or false")]
    [InlineData("delivery: { tries: 3 }", "unknown key 'tries' in 'webhooks.delivery'")]
    [InlineData("delivery: { retry: [1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s] }", "'webhooks.delivery.retry' lists 21 retries; at most 20")]
    public void ABrokenDelivery_IsRefused(string delivery, string expected)
    {
        var act = () => DialectDefinitions.Load(Definition.Replace("signature: { scheme: standard_webhooks }", delivery, StringComparison.Ordinal), "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().Contain(e => e.Message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AScenariosWebhookUrl_HearsEveryEventOfItsJobs_SignedWithItsSecret()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Definition, "acme.yaml");
        var scenario = loader.LoadYaml(Jobs + $"\nwebhooks: {{ url: \"http://127.0.0.1:9/dashboard\", secret: {secret} }}\n", "jobs.yaml");
        var receiver = new RecordingTransport();
        var harness = EmulatorHarness.OnClock(new FakeTimeProvider(DateTimeOffset.UtcNow), ScenarioSet.Create([scenario], loader.Dialects), new JobEmulatorEngineOptions { WebhookTransport = receiver });

        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"))).StatusCode.Should().Be(202, "no webhook of its own: the scenario's url hears it");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await receiver.FirstReceived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var message = receiver.Received.Should().ContainSingle().Subject;
        message.Url.Should().Be(new Uri("http://127.0.0.1:9/dashboard"));
        var headers = new HeaderDictionary();
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = value;
        }

        var verify = () => new StandardWebhook(secret).Verify(Encoding.UTF8.GetString(message.Body.Span), headers);
        verify.Should().NotThrow();
    }

    [Theory]
    [InlineData("webhooks: { url: ftp://x }", "'webhooks.url' is where every event of this scenario's jobs goes: an absolute http:// or https:// URL; found 'ftp://x'")]
    [InlineData("webhooks: { url: /relative }", "'webhooks.url' is where every event of this scenario's jobs goes: an absolute http:// or https:// URL; found '/relative'")]
    [InlineData("webhooks: { secret: s }", "'webhooks.secret' signs the events sent to 'webhooks.url'; give the url too")]
    public void ABrokenWebhookUrl_IsRefused(string webhooks, string expected)
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Definition, "acme.yaml");

        loader.Invoking(l => l.LoadYaml(Jobs + "\n" + webhooks + "\n", "jobs.yaml")).Should().Throw<ScenarioValidationException>()
            .Which.Errors.Select(e => e.Message).Should().Contain(expected);
    }

    [Fact]
    public async Task AHeaderTheSubmissionNames_GoesWithItsOwnWebhookOnly()
    {
        WithAuthHeader.Should().NotBe(Definition);
        var (harness, receiver) = Start(definition: WithAuthHeader);
        harness.Send("acme", OperationKind.Submit, Submit(("doc", "a"), ("hook", "http://127.0.0.1:9/h"), ("auth_name", "X-Auth"), ("auth_value", "token 1"))).StatusCode.Should().Be(202);

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await receiver.FirstReceived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        receiver.Received.Should().ContainSingle().Which.Header("X-Auth").Should().Be("token 1");
    }

    [Theory]
    [InlineData(null, null, "POST")]
    [InlineData("PUT", null, "PUT")]
    [InlineData(null, "put", "PUT")]
    [InlineData("PATCH", "post", "POST")]
    public async Task AJobsOwnEvents_GoWithTheVendorsMethod_OrTheOneItsSubmissionChose(string? vendors, string? submitted, string expected)
    {
        var definition = WithMethod.Replace("signature: { scheme: standard_webhooks }", vendors is null ? "signature: { scheme: standard_webhooks }" : $"signature: {{ scheme: standard_webhooks }}\n  delivery: {{ method: {vendors} }}", StringComparison.Ordinal);
        var (harness, receiver) = Start(definition: definition);
        (string, string)[] fields = submitted is null ? [("doc", "a"), ("hook", "http://127.0.0.1:9/h")] : [("doc", "a"), ("hook", "http://127.0.0.1:9/h"), ("callback_method", submitted)];
        harness.Send("acme", OperationKind.Submit, Submit(fields)).StatusCode.Should().Be(202);

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await receiver.FirstReceived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        receiver.Received.Should().ContainSingle().Which.Method.Should().Be(expected);
    }

    [Fact]
    public void AMethodNoReceiverTakes_IsRefused_InTheSubmissionAndTheDefinition()
    {
        var (harness, _) = Start(definition: WithMethod);
        var dialect = harness.Engine.Dialects.Find("acme")!;
        var request = Submit(("doc", "a"), ("callback_method", "GET"));

        harness.Send("acme", OperationKind.Submit, request).StatusCode.Should().Be(422);
        SubmissionResolver.Resolve(dialect, dialect.Operations[1], request, request.Body, out var problem).Should().BeNull();
        problem.Should().Be("'callback_method' must be POST, PUT or PATCH; found 'GET'");
        var act = () => DialectDefinitions.Load(Definition.Replace("signature: { scheme: standard_webhooks }", "delivery: { method: put }", StringComparison.Ordinal), "acme.yaml");
        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().Contain(e => e.Message == "'webhooks.delivery.method' is POST, PUT or PATCH (upper case, as it is sent); found 'put'");
    }

    [Theory]
    [InlineData("auth_name", "X Auth", "'auth_name' must be a header name (letters, digits and !#$%&'*+-.^_`|~); found 'X Auth'")]
    [InlineData("auth_value", "a\nb", "'auth_value' must be one line of text (a header's value)")]
    public void ABadHeaderInASubmission_IsRefused(string field, string value, string expected)
    {
        var (harness, _) = Start(definition: WithAuthHeader);

        (string, string)[] fields = [("doc", "a"), ("auth_name", field == "auth_name" ? value : "X-Auth"), ("auth_value", field == "auth_value" ? value : "v")];
        var answer = harness.Send("acme", OperationKind.Submit, Submit(fields));

        answer.StatusCode.Should().Be(422);
        answer.Text.Should().Be("""{"error":"validation_failed"}""");
        var dialect = harness.Engine.Dialects.Find("acme")!;
        var request = Submit(fields);
        SubmissionResolver.Resolve(dialect, dialect.Operations[1], request, request.Body, out var problem).Should().BeNull();
        problem.Should().Be(expected);
    }

    [Fact]
    public void AnErrorsTraceId_IsTheEmulatorsOwn_UniquePerAnswer()
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Definition.Replace("body: { error: \"{{ error.kind }}\" }", "body: { error: \"{{ error.kind }}\", trace: \"{{ error.trace_id }}\" }", StringComparison.Ordinal), "acme.yaml");
        var harness = EmulatorHarness.FromSet(ScenarioSet.Create([loader.LoadYaml(Jobs, "jobs.yaml")], loader.Dialects));

        var first = harness.Poll("acme", Poll("op_nope")).Body.GetProperty("trace").GetString();
        var second = harness.Poll("acme", Poll("op_nope")).Body.GetProperty("trace").GetString();

        first.Should().MatchRegex("^trace_[0-9a-f]{8}$");
        second.Should().MatchRegex("^trace_[0-9a-f]{8}$").And.NotBe(first);
    }
}
