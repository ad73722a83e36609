using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>Real Kestrel on 127.0.0.1 serving all five dialects at once, polled over HTTP.</summary>
public sealed class EndToEndTests
{
    public static TheoryData<string, string, string, string> HappyPaths() => new()
    {
        { "symbl", "/v1/job/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "$.status", "completed" },
        { "deepaffects", "/transaction/generic/api/v1/async/status?apikey=API_KEY&request_id=8bdd983a-c6bd-4159-982d-6a2471406d62", "$.status", "Completed" },
        { "waveline", "/api/v1/jobs/a5ecc735-c48e-43ea-a739-d42bfb19edb3", "$.status", "COMPLETED" },
        { "aitronos", "/v1/documents/jobs/job_abc123def456", "$.status", "completed" },
        { "docurift", "/v1/jobs/job_abc123def456", "$.data.status", "completed" },
    };

    [Theory]
    [MemberData(nameof(HappyPaths))]
    public async Task Poll_EachDialectOverHttp_ReachesTerminalStatus(string dialect, string path, string statusPath, string terminal)
    {
        await using var server = await RunningServer.StartAsync();
        var seen = new List<string>();

        for (var attempt = 0; attempt < 10 && (seen.Count == 0 || seen[^1] != terminal); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ACCESS_TOKEN");
            request.Headers.Add("X-API-Key", "frc_your_api_key_here");
            using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK, dialect);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            seen.Add(Read(body, statusPath));
        }

        seen.Should().HaveCountGreaterThan(1, "the job passes through at least one non-terminal status first");
        seen[^1].Should().Be(terminal);
        server.Logs.Lines.Should().Contain(line => line.Contains($"GET {path.Split('?')[0]}", StringComparison.Ordinal) && line.Contains($"-> 200 {terminal}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_ScriptedRateLimit_Answers429WithRetryAfterInWholeSeconds()
    {
        await using var server = await RunningServer.StartAsync();
        server.Client.DefaultRequestHeaders.Add("X-API-Key", "k");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await server.Client.GetAsync("/v1/jobs/job_rl0invoice1", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        limited!.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        limited.Headers.GetValues("Retry-After").Single().Should().Be("2");
        var body = await limited.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Poll_TwentyMinuteJob_CompletesWhenTheInjectedClockAdvances()
    {
        await using var server = await RunningServer.StartAsync();
        server.Client.DefaultRequestHeaders.Add("X-API-Key", "k");

        var before = await server.Client.GetFromJsonAsync<JsonElement>("/v1/jobs/job_slow0batch1", TestContext.Current.CancellationToken);
        server.Clock.Advance(TimeSpan.FromMinutes(20));
        var after = await server.Client.GetFromJsonAsync<JsonElement>("/v1/jobs/job_slow0batch1", TestContext.Current.CancellationToken);

        before.GetProperty("data").GetProperty("status").GetString().Should().Be("pending");
        after.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
        after.GetProperty("data").GetProperty("completedAt").GetString().Should().Be("2024-01-27T10:50:00Z");
    }

    [Fact]
    public async Task Get_AdminHealth_Answers200WithCounts()
    {
        await using var server = await RunningServer.StartAsync();

        var health = await server.Client.GetFromJsonAsync<JsonElement>("/__admin/health", TestContext.Current.CancellationToken);

        health.GetProperty("status").GetString().Should().Be("healthy");
        health.GetProperty("dialects").EnumerateArray().Select(d => d.GetString()).Should().Equal("symbl", "deepaffects", "waveline", "aitronos", "docurift");
        health.GetProperty("jobs").GetInt32().Should().BeGreaterThan(15);
    }

    [Fact]
    public async Task Get_UnknownRoute_Answers404ListingTheRoutes()
    {
        await using var server = await RunningServer.StartAsync();

        var response = await server.Client.GetAsync("/v2/whatever", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("error").GetString().Should().Contain("/v2/whatever");
        body.GetProperty("routes").EnumerateArray().Select(r => r.GetString()).Should().Contain("GET /v1/jobs/{id} (docurift)");
    }

    [Fact]
    public async Task Poll_EscapedIdInQuery_IsDecodedBeforeLookup()
    {
        await using var server = await RunningServer.StartAsync();

        var response = await server.Client.GetAsync("/transaction/generic/api/v1/async/status?apikey=K&request_id=8bdd983a%2Dc6bd-4159-982d-6a2471406d62", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Poll_EachRequest_LogsOneLineWithMethodPathJobAndOutcome()
    {
        await using var server = await RunningServer.StartAsync();

        await server.Client.GetAsync("/api/v1/jobs/nope", TestContext.Current.CancellationToken);

        server.Logs.Lines.Where(l => l.StartsWith("JobEmulator.Requests", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Should().Be("JobEmulator.Requests: GET /api/v1/jobs/nope job=nope -> 401 missing-credentials");
    }

    [Fact]
    public void Build_InvalidScenario_ThrowsWithFileLineAndColumn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"jobemu-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "dialect: docurift\njobs:\n  - lifecycle: [{ status: pending, polls: 1 }]\n");
        try
        {
            var act = () => Server.JobEmulatorApp.Build(new JobEmulatorServerOptions { Port = 0, ScenarioPaths = { file } });

            act.Should().Throw<ScenarioValidationException>().WithMessage($"*{file}:3:27: the last step must be terminal*");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Read(JsonElement body, string path)
    {
        foreach (var part in path.Split('.').Skip(1))
        {
            body = body.GetProperty(part);
        }

        return body.GetString()!;
    }
}
