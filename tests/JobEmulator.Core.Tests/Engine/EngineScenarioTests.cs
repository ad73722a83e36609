using FluentAssertions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// The engine's own decisions as a client or a host sees them: which scenario a file's new version replaces and
/// which jobs go with it, where tokens and submissions belong, the bounds on what is loaded and on the ids a client
/// chooses, and who hears of a job's transitions.
/// </summary>
public sealed class EngineScenarioTests
{
    private const string A1 = "name: a\ndialect: docurift\njobs:\n  - id: job_a1\n    lifecycle: [{ status: completed }]\n";
    private const string A2 = "name: a\ndialect: docurift\njobs:\n  - id: job_a2\n    lifecycle: [{ status: completed }]\n";
    private const string B = "name: b\ndialect: docurift\njobs:\n  - id: job_b\n    lifecycle: [{ status: processing, polls: 2 }, { status: completed }]\n";

    [Fact]
    public void Replace_SwapsTheScenarioFromTheSameFile_AndItsJobs_KeepingEveryOtherJobWhereItWas()
    {
        var emulator = Emulator(("a.yaml", A1), ("b.yaml", B));
        Poll(emulator, "job_b");
        Poll(emulator, "job_b");

        emulator.Engine.Replace(new ScenarioLoader().LoadYaml(A2, "a.yaml"));

        (Poll(emulator, "job_a1").StatusCode, Poll(emulator, "job_a2").StatusCode).Should().Be((404, 200));
        Status(Poll(emulator, "job_b")).Should().Be("completed", "its two polls before the replace still count");
        emulator.Engine.Scenarios.Scenarios.Select(s => s.Source).Should().BeEquivalentTo(["a.yaml", "b.yaml"]);

        emulator.Engine.Reset();

        (Poll(emulator, "job_a1").StatusCode, Poll(emulator, "job_a2").StatusCode, Poll(emulator, "job_b").StatusCode).Should().Be((404, 200, 200));
    }

    [Fact]
    public void UnloadSource_DropsOnlyThatFilesScenario_AndAResetDoesNotBringItBack()
    {
        var emulator = Emulator(("a.yaml", A1), ("b.yaml", B));

        var missing = emulator.Engine.UnloadSource("c.yaml");
        var unloaded = emulator.Engine.UnloadSource("a.yaml");

        (missing, unloaded).Should().Be((false, true));
        (Poll(emulator, "job_a1").StatusCode, Poll(emulator, "job_b").StatusCode).Should().Be((404, 200));
        emulator.Engine.Scenarios.Scenarios.Select(s => s.Name).Should().Equal("b");
        emulator.Engine.Reset();
        emulator.Engine.Scenarios.Scenarios.Select(s => s.Name).Should().Equal("b");
        Poll(emulator, "job_a1").StatusCode.Should().Be(404);
    }

    [Fact]
    public void Unload_ByName_DropsThatScenarioOnly_AndAnUnknownNameChangesNothing()
    {
        var emulator = Emulator(("a.yaml", A1), ("b.yaml", B));

        var missing = emulator.Engine.Unload("c");
        var unloaded = emulator.Engine.Unload("a");

        (missing, unloaded).Should().Be((false, true));
        emulator.Engine.Scenarios.Scenarios.Select(s => s.Name).Should().Equal("b");
        (Poll(emulator, "job_a1").StatusCode, Poll(emulator, "job_b").StatusCode).Should().Be((404, 200));
    }

    [Fact]
    public void AScenario_MayBringTheDialectExactlyToTheJobCap_AndOneJobMoreIsRefusedSayingSo()
    {
        var emulator = EmulatorHarness.FromYaml(A1, new JobEmulatorEngineOptions { MaxJobsPerDialect = 3 });
        var two = "name: two\ndialect: docurift\njobs:\n  - id: job_t1\n    lifecycle: [{ status: completed }]\n  - id: job_t2\n    lifecycle: [{ status: completed }]\n";

        var tooMany = () => emulator.Engine.Load(new ScenarioLoader().LoadYaml(two.Replace("name: two", "name: three", StringComparison.Ordinal)
            + "  - id: job_t3\n    lifecycle: [{ status: completed }]\n", "three.yaml"));
        var exactly = () => emulator.Engine.Load(new ScenarioLoader().LoadYaml(two, "two.yaml"));

        tooMany.Should().Throw<ArgumentException>()
            .WithMessage("Scenario 'three' (three.yaml) would bring docurift to 4 jobs; this engine keeps at most 3 per dialect (MaxJobsPerDialect).*");
        exactly.Should().NotThrow();
        emulator.Engine.JobCount.Should().Be(3);
    }

    [Fact]
    public async Task AJournalGivenToTheEngine_IsTheOneItRecordsIn()
    {
        var journal = new RequestJournal();
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([]), new FakeTimeProvider(EmulatorHarness.DocumentTime), journal: journal);
        var dispatcher = new OperationDispatcher(engine);
        var docurift = engine.Dialects.Find("docurift")!;

        await dispatcher.HandleAsync(docurift, docurift.Operations.First(o => o.Kind == OperationKind.Status), DocuRiftUploads.Poll("k", "job_x"), new System.Buffers.ArrayBufferWriter<byte>(), TestContext.Current.CancellationToken);

        journal.Snapshot().Should().ContainSingle().Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public void TheJobsOfADialectTheEngineDoesNotServe_AreNone()
    {
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([]), TimeProvider.System, new DialectCatalog([Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("docurift")!]));

        engine.JobsOf(Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!).Should().BeEmpty();
    }

    [Fact]
    public void AToken_BelongsToTheScenarioThatDeclaresItsApp_NotAnOpenOne_AndExpiresAfterItsLifetime()
    {
        var emulator = EmulatorHarness.FromYamls([
            "name: app\ndialect: symbl\nauth: { apps: [{ app_id: my_app, app_secret: s }] }\nsubmitted_jobs: { lifecycle: [{ status: failed, error: the app's own }] }\n",
            "name: open\ndialect: symbl\nsubmitted_jobs: { lifecycle: [{ status: completed }] }\n",
        ]);
        var symbl = emulator.Engine.Dialects.Find("symbl")!;

        var token = emulator.Engine.IssueToken(symbl, "my_app", "s", TimeSpan.FromHours(1), emulator.Clock.GetUtcNow())!;
        var status = SubmitSymbl(emulator, token).Body.GetProperty("jobId").GetString()!;
        var payload = System.Text.Json.JsonDocument.Parse(Base64Url(token.Split('.')[1])).RootElement;

        emulator.Engine.JobsOf(symbl).Single(j => j.Script.Id == status).Scenario.Name.Should().Be("app");
        (payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()).Should().Be(3600);
    }

    [Fact]
    public void AToken_IsIssued_WhenNoScenarioOfTheDialectIsLoaded_AndRefusedWhenLoadedOnesDoNotDeclareTheApp()
    {
        var none = EmulatorHarness.FromYaml("dialect: docurift");
        var keyed = EmulatorHarness.FromYaml("dialect: symbl\nauth: { keys: [k] }");
        var symbl = none.Engine.Dialects.Find("symbl")!;

        none.Engine.IssueToken(symbl, "any_app", "any", TimeSpan.FromHours(1), none.Clock.GetUtcNow()).Should().NotBeNull();
        keyed.Engine.IssueToken(symbl, "any_app", "any", TimeSpan.FromHours(1), keyed.Clock.GetUtcNow()).Should().BeNull();
    }

    [Fact]
    public void ASubmissionToAScenarioThatScriptsNoSubmittedJobs_BelongsToTheScenarioItsKeyOpens()
    {
        var emulator = EmulatorHarness.FromYamls([
            "name: mine\ndialect: docurift\nauth: { keys: [k] }\njobs:\n  - id: job_declared\n    lifecycle: [{ status: completed }]\n",
            "name: theirs\ndialect: docurift\nauth: { keys: [other] }\n",
        ]);

        var answer = emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));

        answer.StatusCode.Should().Be(202, answer.Text);
        var id = answer.Body.GetProperty("data").GetProperty("id").GetString();
        emulator.Engine.JobsOf(emulator.Engine.Dialects.Find("docurift")!).Single(j => j.Script.Id == id).Scenario.Name.Should().Be("mine");
    }

    [Fact]
    public void ARefusalForWantOfRoom_StillCountsDownTheScenariosRateLimitInTheHeaders()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            rate_limit: { requests: 5, per: 1m }
            submitted_jobs:
              lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """, new JobEmulatorEngineOptions { MaxJobsPerDialect = 1 });
        Answer Submit() => emulator.Send("aitronos", OperationKind.Submit, new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o" }, [new SubmittedFile("file", "a.pdf", "application/pdf", 10)]),
        }.Header("X-API-Key", "k"));

        var first = Submit();
        var full = Submit();

        (first.StatusCode, full.StatusCode).Should().Be((200, 429));
        emulator.Journal().Select(e => e.Outcome).Should().Equal("processing", "too-many-jobs");
        full.Head.Headers!.Single(h => h.Key == "x-ratelimit-remaining-requests").Value.Should().Be("3");
        full.Head.Headers!.Single(h => h.Key == "x-ratelimit-limit-requests").Value.Should().Be("5");
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void AnIdTheClientChooses_MayBeTwoHundredCharactersLong(int length, bool accepted)
    {
        var emulator = EmulatorHarness.FromYaml("dialect: deepaffects\nsubmitted_jobs: { lifecycle: [{ status: completed }] }");

        SubmitDeepAffects(emulator, new string('r', length)).StatusCode.Should().Be(accepted ? 200 : 400);
    }

    [Fact]
    public void AnIdTheClientChooses_ThatAUrlWouldChange_IsRefused_AndARefusedIdTakesNoSubmissionNumber()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: deepaffects
            submitted_jobs:
              - when: { nth: 2 }
                lifecycle: [{ status: failed, error: the second }]
              - lifecycle: [{ status: completed }]
            """);

        var answers = new[] { "a/b", "one", "one", "two" }.Select(id => SubmitDeepAffects(emulator, id)).ToList();

        answers.Select(a => a.StatusCode).Should().Equal(400, 200, 400, 200);
        emulator.Journal().Select(e => e.Outcome).Should().Equal("id-unavailable", "Completed", "id-unavailable", "Failed");
    }

    [Fact]
    public void ASubmissionFaultWithAProbability_FailsSomeSubmissionsAndNotOthers_TheSameOnEveryRun()
    {
        static List<int> Run()
        {
            var emulator = EmulatorHarness.FromYaml("""
                dialect: docurift
                seed: 11
                submitted_jobs:
                  lifecycle: [{ status: completed }]
                  faults: [{ on: { probability: 0.5, of: submissions }, respond: 503 }]
                """);
            return [.. Enumerable.Range(0, 20).Select(_ => emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).StatusCode)];
        }

        var first = Run();

        first.Should().Contain(503).And.Contain(202);
        Run().Should().Equal(first);
    }

    [Theory]
    [InlineData("{ default: 100ms, submit: 2s }", 2000)]
    [InlineData("{ default: 100ms }", 100)]
    public void ASubmissionsLatency_IsTheScenariosSubmitLatency_ElseItsDefault(string latency, int milliseconds)
    {
        var emulator = EmulatorHarness.FromYaml($"dialect: docurift\nlatency: {latency}\nsubmitted_jobs: {{ lifecycle: [{{ status: completed }}] }}");

        emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k")).Head.Delay.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void EveryJobFieldATemplateScripts_IsShown()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            submitted_jobs:
              model_used: gpt-4o-mini
              confidence: 0.5
              lifecycle: [{ status: completed }]
            """);

        var answer = emulator.Send("aitronos", OperationKind.Submit, new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o", ["sync"] = "true" }, [new SubmittedFile("file", "a.pdf", "application/pdf", 10)]),
        }.Header("X-API-Key", "k"));

        answer.Body.GetProperty("model_used").GetString().Should().Be("gpt-4o-mini");
        answer.Body.GetProperty("confidence").GetDecimal().Should().Be(0.5m);
    }

    [Fact]
    public void AnObserver_HearsOfTransitionsOnly_AndNothingIsScheduledForJobsNobodyListensTo()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, polls: 2 }, { status: completed }]
            submitted_jobs:
              lifecycle: [{ status: processing, after: 10s }, { status: completed }]
            """);
        emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k"));
        var pendingBeforeAnyObserver = emulator.Engine.Scheduler.Pending;
        var heard = new List<(string Id, int Count)>();
        emulator.Engine.AddObserver(new Recorder(heard));

        Poll(emulator, "job_1");
        Poll(emulator, "job_1");

        pendingBeforeAnyObserver.Should().Be(0, "no webhook and no observer listens for the submitted job's timed step");
        heard.Should().Equal([("job_1", 1)], "the first poll changed nothing; the second completed the job");
    }

    [Fact]
    public void AToken_ForAnAppNoScenarioDeclares_BelongsToTheFirstOpenScenario()
    {
        var emulator = EmulatorHarness.FromYamls([
            "name: keyed\ndialect: symbl\nauth: { keys: [k] }\n",
            "name: open\ndialect: symbl\nsubmitted_jobs: { lifecycle: [{ status: completed }] }\n",
        ]);
        var symbl = emulator.Engine.Dialects.Find("symbl")!;

        var token = emulator.Engine.IssueToken(symbl, "any_app", "any", TimeSpan.FromHours(1), emulator.Clock.GetUtcNow());

        token.Should().NotBeNull();
        var id = SubmitSymbl(emulator, token!).Body.GetProperty("jobId").GetString();
        emulator.Engine.JobsOf(symbl).Single(j => j.Script.Id == id).Scenario.Name.Should().Be("open");
    }

    [Fact]
    public void ASubmissionNoTemplateFits_BelongsToTheScenarioItsKeyOrTokenOpens_WithTheDefaultLifecycle()
    {
        var emulator = EmulatorHarness.FromYamls([
            "name: app\ndialect: symbl\nauth: { apps: [{ app_id: my_app, app_secret: s }] }\nsubmitted_jobs:\n  - when: { nth: 1 }\n    lifecycle: [{ status: failed, error: the first }]\n",
            "name: keyed\ndialect: symbl\nauth: { keys: [k] }\nsubmitted_jobs:\n  - when: { nth: 1 }\n    lifecycle: [{ status: failed, error: the first }]\n",
            "name: open\ndialect: symbl\n",
        ]);
        var symbl = emulator.Engine.Dialects.Find("symbl")!;
        var token = emulator.Engine.IssueToken(symbl, "my_app", "s", TimeSpan.FromHours(1), emulator.Clock.GetUtcNow())!;
        string ScenarioOf(Answer answer) => emulator.Engine.JobsOf(symbl).Single(j => j.Script.Id == answer.Body.GetProperty("jobId").GetString()).Scenario.Name;

        var (tokenFirst, tokenSecond) = (SubmitSymbl(emulator, token), SubmitSymbl(emulator, token));
        var (keyFirst, keySecond) = (SubmitSymbl(emulator, "k"), SubmitSymbl(emulator, "k"));

        new[] { tokenFirst, tokenSecond, keyFirst, keySecond }.Select(a => a.StatusCode).Should().Equal(201, 201, 201, 201);
        new[] { tokenFirst, tokenSecond, keyFirst, keySecond }.Select(ScenarioOf).Should().Equal("app", "app", "keyed", "keyed");
    }

    [Fact]
    public async Task WithNoTransportGiven_TheEngineDeliversWebhooksOverHttp()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var emulator = EmulatorHarness.OnClock(TimeProvider.System, "dialect: docurift\nsubmitted_jobs: { lifecycle: [{ status: processing, after: 100ms }, { status: completed }] }");

        emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k", "a.pdf", ("webhookUrl", $"http://127.0.0.1:{port}/hook")));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        using var stream = client.GetStream();
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var request = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);

        request.Should().StartWith("POST /hook HTTP/1.1");
    }

    private static EmulatorHarness Emulator(params (string Source, string Yaml)[] files)
    {
        var scenarios = ScenarioSet.Create(files.Select(f => new ScenarioLoader().LoadYaml(f.Yaml, f.Source)));
        return EmulatorHarness.FromScenarios(scenarios.Scenarios);
    }

    private static Answer Poll(EmulatorHarness emulator, string id) => emulator.Poll("docurift", DocuRiftUploads.Poll("k", id));

    private static string? Status(Answer answer) => answer.Body.GetProperty("data").GetProperty("status").GetString();

    private static Answer SubmitSymbl(EmulatorHarness emulator, string token)
    {
        var operation = emulator.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url");
        return emulator.Send("symbl", operation, new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["url"] = "https://example.com/a.mp3" }, []),
        }.Header("Authorization", "Bearer " + token));
    }

    private static Answer SubmitDeepAffects(EmulatorHarness emulator, string id)
    {
        var operation = emulator.Engine.Dialects.Find("deepaffects")!.Operations.First(o => o.Kind == OperationKind.Submit);
        return emulator.Send("deepaffects", operation, new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(new Dictionary<string, string> { ["content"] = "UklGRg==", ["encoding"] = "wav", ["languageCode"] = "en-US" }, []),
        }.Route("area", "audio").Route("api", "diarize").Query("apikey", "k").Query("request_id", id));
    }

    private static string Base64Url(string part) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (part.Length % 4)) % 4)));

    private sealed class Recorder(List<(string Id, int Count)> heard) : IJobObserver
    {
        public bool Observes(JobRuntime job) => false;

        public void OnTransitions(JobRuntime job, IReadOnlyList<JobTransition> transitions) => heard.Add((job.Script.Id, transitions.Count));
    }
}
