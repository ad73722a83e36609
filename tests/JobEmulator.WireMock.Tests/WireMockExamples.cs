using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
// begin-snippet: wiremock-usings
using JobEmulator.Testing;                 // EmulatorClock; Journal.Should() comes with JobEmulator.FluentAssertions
using JobEmulator.WireMock;                // server.AddJobEmulator(…)
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
// end-snippet
using Xunit;

namespace JobEmulator.Examples;

/// <summary>JobEmulator on a team's existing WireMock.Net server, beside their own stubs.</summary>
public sealed class WireMockExamples : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private HttpClient Client() => new() { BaseAddress = new Uri(_server.Url! + "/") };

    [Fact]
    public async Task TheTeamsOwnStubSubmits_AndTheEmulatorAnswersThePolling()
    {
        // begin-snippet: wiremock
        using var server = WireMockServer.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url + "/") };
        server.Given(Request.Create().WithPath("/v1/documents").UsingPost())        // your own stubs stay
            .RespondWith(Response.Create().WithStatusCode(202).WithBodyAsJson(new { success = true, data = new { jobId = "job_slow0batch1" } }));
        var jobs = server.AddJobEmulator(options => options.AddScenarioFile("scenarios/docurift/slow-job.yaml"));
        // or: server.AddJobEmulator(new ScenarioBuilder("docurift").Job(…)), or a Scenario from ScenarioLoader

        var jobId = "job_slow0batch1";             // what the team's submit stub returned
        var job = await jobs.Clock.AdvanceUntilCompleteAsync(new DocuRiftPoller(http, "sk_test", jobs.Clock).WaitForCompletionAsync(jobId));
        jobs.Journal.Should().HaveStoppedPollingAfterTerminal(jobId);
        // end-snippet

        using var submitted = await http.PostAsync(new Uri("v1/documents", UriKind.Relative), null);
        (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("jobId").GetString().Should().Be(jobId);
        job.Status.Should().Be("completed");
        jobs.Journal.Should().HaveBackedOff(jobId).And.HaveUsedCredential("sk_test");

        // WireMock's own log sees every request too, the team's stub and the emulator's routes alike.
        server.LogEntries.Should().HaveCount(1 + jobs.Journal.Snapshot().Count);
    }

    [Fact]
    public async Task ScriptedFaults_KeepTheirRetryAfterHeader_AndVendorBody()
    {
        _server.AddJobEmulator(new ScenarioBuilder("aitronos")
            .AcceptingKeys("sk_test")
            .Job("job_abc123", job => job.Status("processing", polls: 2).Completed().Fault(onPoll: 1, respond: 429, retryAfter: TimeSpan.FromSeconds(7))));
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk_test");

        using var limited = await http.GetAsync(new Uri("v1/documents/jobs/job_abc123", UriKind.Relative));
        using var answered = await http.GetAsync(new Uri("v1/documents/jobs/job_abc123", UriKind.Relative));

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("processing");
    }

    [Fact]
    public async Task AStubOfTheTeamsOwn_OnTheSamePath_WinsOverTheEmulator()
    {
        _server.AddJobEmulator(options => options.AddScenarioFile("scenarios/docurift/happy-path.yaml"));
        _server.Given(Request.Create().WithPath("/v1/jobs/job_abc123def456").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(418));
        using var http = Client();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_test");

        using var response = await http.GetAsync(new Uri("v1/jobs/job_abc123def456", UriKind.Relative));

        response.StatusCode.Should().Be((HttpStatusCode)418);
    }

    [Fact]
    public async Task ResetAndRemove_TouchOnlyTheEmulator()
    {
        _server.Given(Request.Create().WithPath("/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        var jobs = _server.AddJobEmulator(options => options.AddScenarioFile("scenarios/docurift/happy-path.yaml"));
        using var http = Client();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_test");
        using (await http.GetAsync(new Uri("v1/jobs/job_abc123def456", UriKind.Relative)))
        {
        }

        jobs.LoadScenarioYaml("dialect: symbl\njobs:\n  - id: conv_1\n    lifecycle:\n      - status: completed\n");
        jobs.Reset();
        jobs.Journal.Snapshot().Should().BeEmpty();
        jobs.Engine.Scenarios.Scenarios.Should().ContainSingle("the scenario loaded after start is gone");
        _server.Mappings.Should().HaveCount(1 + jobs.MappingIds.Count);

        jobs.Remove();
        _server.Mappings.Should().ContainSingle();
        using var gone = await http.GetAsync(new Uri("v1/jobs/job_abc123def456", UriKind.Relative));
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var health = await http.GetAsync(new Uri("health", UriKind.Relative));
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QueryRoutes_AndMissingCredentials_AnswerAsTheVendorDoes()
    {
        _server.AddJobEmulator(options => options.AddScenarioFile("scenarios/deepaffects/happy-path.yaml"));
        using var http = Client();

        using var noKey = await http.GetAsync(new Uri("transaction/generic/api/v1/async/status?request_id=x", UriKind.Relative));
        using var unknown = await http.GetAsync(new Uri("transaction/generic/api/v1/async/status?apikey=k&request_id=nope", UriKind.Relative));

        using var upperCase = await http.GetAsync(new Uri("TRANSACTION/generic/api/v1/async/status?apikey=k&request_id=nope", UriKind.Relative));

        noKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        upperCase.StatusCode.Should().Be(HttpStatusCode.NotFound, "routes ignore letter case, as ASP.NET routing does");
        (await upperCase.Content.ReadAsStringAsync()).Should().NotContain("WireMock", "the emulator answered, not WireMock's no-match");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void ABrokenScenario_FailsRegistration_WithItsPosition()
    {
        var add = () => _server.AddJobEmulator(options => options.AddScenarioYaml("dialect: docurift\njobs:\n  - id: job_1\n    lifecycle: []\n", "team.yaml"));

        add.Should().Throw<ScenarioValidationException>().WithMessage("*team.yaml:4:16:*");
        _server.Mappings.Should().BeEmpty();
    }
}
