using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>A running emulator on a manual clock, driven only through /__admin over loopback.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string Scenario = """
        version: 1
        name: slow-invoice
        dialect: docurift
        jobs:
          - id: job_admin000001
            lifecycle:
              - { status: pending, after: 1m }
              - { status: processing, after: 19m }
              - { status: completed }
        """;

    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new JobEmulatorServerOptions
        {
            Port = 0,
            TimeProvider = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            AdminToken = "s3cret",
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        };
        _app = JobEmulatorApp.Build(options);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = JobEmulatorApp.BaseAddress(_app) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task LoadPollAdvanceReadReset_AllThroughTheAdminApi()
    {
        var loaded = await Post("__admin/scenarios?name=slow.yaml", Scenario);
        loaded.StatusCode.Should().Be(HttpStatusCode.Created);

        (await Status()).Should().Be("pending");
        (await Post("__admin/clock/advance", """{"by":"20m"}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Status()).Should().Be("completed");

        var requests = await _http.GetFromJsonAsync<JsonElement>("__admin/requests?job=job_admin000001", TestContext.Current.CancellationToken);
        requests.EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).Should().Equal("pending", "completed");
        var detail = await _http.GetFromJsonAsync<JsonElement>("__admin/jobs/docurift/job_admin000001", TestContext.Current.CancellationToken);
        detail.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("at").GetString()).Should().Equal("2025-01-01T00:01:00+00:00", "2025-01-01T00:20:00+00:00");

        (await Post("__admin/reset", string.Empty)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Status()).Should().Be("pending", "the loaded scenario starts again");
        (await _http.GetFromJsonAsync<JsonElement>("__admin/requests", TestContext.Current.CancellationToken)).GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task AnInvalidScenario_Answers400WithEveryPosition_AndChangesNothing()
    {
        var answer = await Post("__admin/scenarios", "dialect: docurift\ncolour: red\njobs:\n  - lifecycle: [{ status: pending, polls: two }, { status: completed }]\n");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        errors.EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).Should().Equal(2, 4);
        (await _http.GetFromJsonAsync<JsonElement>("__admin/scenarios", TestContext.Current.CancellationToken)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task AJob_IsCreatedFromALifecycle_AdvancedByHand_AndScenariosAreRemoved()
    {
        var created = await Post("__admin/jobs?dialect=docurift", """{"id":"job_adhoc00001","lifecycle":[{"status":"pending","polls":5},{"status":"processing","polls":5},{"status":"completed"}]}""");
        var advanced = await Post("__admin/jobs/docurift/job_adhoc00001/advance", """{"to":"completed"}""");
        var again = await Post("__admin/jobs/docurift/job_adhoc00001/advance", string.Empty);
        var scenario = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("job").GetProperty("scenario").GetString();
        var removed = await _http.DeleteAsync("__admin/scenarios/" + scenario, TestContext.Current.CancellationToken);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await advanced.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("job").GetProperty("status").GetString().Should().Be("completed");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _http.GetFromJsonAsync<JsonElement>("__admin/jobs", TestContext.Current.CancellationToken)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task WithoutTheToken_AdminRoutesAnswer401_ButHealthAndVendorRoutesDoNot()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        (await anonymous.GetAsync("__admin/jobs", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("__admin/health", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var poll = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_x");
        poll.Headers.Add("X-API-Key", "k");
        (await anonymous.SendAsync(poll, TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryAdminRoute_ButHealthAndTheDocument_Answers401WithoutTheToken_AndNothingChanges()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        anonymous.DefaultRequestHeaders.Add("X-Admin-Token", "not-the-token");
        var routes = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)_app).DataSources.SelectMany(source => source.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/__admin", StringComparison.Ordinal))
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method, Path: System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{[^}]+\}", "x"))))
            .ToList();

        var answers = new List<(string Route, HttpStatusCode Status)>();
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = method == "GET" ? null : new StringContent("""{"by":"1h"}""", Encoding.UTF8, "application/json") };
            using var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);
            answers.Add(($"{method} {path}", response.StatusCode));
        }

        routes.Should().HaveCountGreaterThan(15, "every admin route is found from the app's endpoints");
        answers.Where(a => a.Route is not ("GET /__admin/health" or "GET /__admin/x.json")).Should().OnlyContain(a => a.Status == HttpStatusCode.Unauthorized);
        answers.Where(a => a.Route is "GET /__admin/health" or "GET /__admin/x.json").Should().HaveCount(2);
        (await _http.GetFromJsonAsync<JsonElement>("__admin/clock", TestContext.Current.CancellationToken)).GetProperty("now").GetString().Should().StartWith("2025-01-01T00:00:00");
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsTheAdminApiAndEveryVendorRoute()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        var document = await anonymous.GetFromJsonAsync<JsonElement>("__admin/openapi.json", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/__admin/scenarios", "/__admin/clock/advance", "/v1/jobs/{id}", "/v1/documents/process/async", "/oauth2/token:generate", "/{area}/generic/api/v2/async/{api}"]);
        document.GetProperty("paths").GetProperty("/v1/webhooks").EnumerateObject().Select(o => o.Name).Should().BeEquivalentTo(["get", "post"]);
    }

    [Theory]
    [InlineData("clock/set", """{"to":"9999-12-31T23:59:59Z"}""", "The clock goes no later than 9000-01-01T00:00:00Z; 9999-12-31T23:59:59Z is past that.")]
    [InlineData("clock/set", """{"to":"2024-12-31T00:00:00Z"}""", "The clock cannot go back: it reads 2025-01-01T00:00:00Z, and 2024-12-31T00:00:00Z is before that.")]
    [InlineData("clock/advance", """{"by":"soon"}""", "Send {\"by\": \"30s\"}: a duration such as 500ms, 3s, 2m, 1h or 30d.")]
    public async Task MovingTheClockOutOfRange_Answers400_InWordsForPeople(string route, string body, string message)
    {
        var answer = await Post("__admin/" + route, body);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString().Should().Be(message);
        (await _http.GetFromJsonAsync<JsonElement>("__admin/clock", TestContext.Current.CancellationToken)).GetProperty("now").GetString().Should().StartWith("2025-01-01T00:00:00");
    }

    [Fact]
    public async Task AdminBodies_AreWrittenForPeople_WithoutEscapingPlusQuotesOrAngleBrackets()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        using var answer = await anonymous.GetAsync(new Uri("__admin/clock", UriKind.Relative), TestContext.Current.CancellationToken);
        var set = await Post("__admin/clock/set", "{}");

        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("Authorization: Bearer <token>").And.NotContain("\\u003C");
        (await set.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("""Send {\"to\": \"2025-01-01T00:10:00Z\"}""").And.NotContain("\\u0022");
    }

    [Fact]
    public async Task AdvancingPastTheLatestInstant_Answers400_AndLeavesTheClock()
    {
        (await Post("__admin/clock/set", """{"to":"8999-06-01T00:00:00Z"}""")).StatusCode.Should().Be(HttpStatusCode.OK);

        var answer = await Post("__admin/clock/advance", """{"by":"365d"}""");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString()
            .Should().Be("The clock goes no later than 9000-01-01T00:00:00Z; advancing it by 365d would pass that.");
        (await _http.GetFromJsonAsync<JsonElement>("__admin/clock", TestContext.Current.CancellationToken)).GetProperty("now").GetString().Should().StartWith("8999-06-01T00:00:00");
    }

    [Fact]
    public async Task TheClockSetFarAhead_DrivesTheEmulatorOnly_TokensWebhooksAndSubmissionsStillAnswer()
    {
        (await Post("__admin/clock/set", """{"to":"8999-12-31T00:00:00Z"}""")).StatusCode.Should().Be(HttpStatusCode.OK);

        _app.Services.GetService<TimeProvider>().Should().NotBeSameAs(_app.Services.GetRequiredService<Core.Engine.JobEmulatorEngine>().Time, "the emulator's clock is not the application's, so Kestrel's housekeeping never reads it");
        var token = await Post("oauth2/token:generate", """{"type":"application","appId":"a","appSecret":"b"}""");
        using var register = new HttpRequestMessage(HttpMethod.Post, "v1/webhooks") { Content = new StringContent("""{"url":"http://127.0.0.1:9/h","events":["document.processing.completed"]}""", Encoding.UTF8, "application/json") };
        register.Headers.Add("X-API-Key", "k");
        using var registered = await _http.SendAsync(register, TestContext.Current.CancellationToken);
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.pdf" } } };
        submit.Headers.Add("X-API-Key", "k");
        using var submitted = await _http.SendAsync(submit, TestContext.Current.CancellationToken);

        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<string?> Status()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/job_admin000001");
        request.Headers.Add("X-API-Key", "k");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("status").GetString();
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}

/// <summary>The admin clock routes on a clock that is not manual.</summary>
public sealed class AdminClockOnSystemTests
{
    [Fact]
    public async Task MovingTheSystemClock_Answers409_SayingHowToStartAManualOne()
    {
        await using var server = await RunningServer.StartAsync();
        await using var app = JobEmulatorApp.Build(new JobEmulatorServerOptions { Port = 0, ConfigureLogging = _ => { } });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = JobEmulatorApp.BaseAddress(app) };

        var answer = await http.PostAsync("__admin/clock/advance", new StringContent("""{"by":"1m"}"""), TestContext.Current.CancellationToken);

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("--clock manual");
    }
}
