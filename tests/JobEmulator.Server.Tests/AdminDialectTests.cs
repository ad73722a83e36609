using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// <c>GET/POST/DELETE /__admin/dialects</c>: a definition loaded while serving is routed from the next request on
/// (its 404, its 405, the OpenAPI document); replacing it unloads the scenarios that spoke it; removing it stops its
/// routes; built-in dialects stay; a broken definition is refused at its line and column and changes nothing.
/// </summary>
public sealed class AdminDialectTests
{
    private static readonly string Lumen = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "your-own-api", "lumen.yaml"));
    private static readonly string Renders = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "your-own-api", "renders.yaml"));

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    [Fact]
    public async Task ADefinitionPosted_IsServed_ThenReplaced_ThenRemoved()
    {
        await using var server = await RunningServer.StartAsync();
        var http = server.Client;
        var ct = TestContext.Current.CancellationToken;
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/lumen/v1/renders/rnd_demo00000001") { Headers = { { "X-Lumen-Key", "lumen_test_key" } } };
        (await http.SendAsync(poll, ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var posted = await http.PostAsync("/__admin/dialects?name=lumen.yaml", Yaml(Lumen), ct);
        posted.StatusCode.Should().Be(HttpStatusCode.Created);
        var loaded = await posted.Content.ReadFromJsonAsync<JsonElement>(ct);
        loaded.GetProperty("dialect").GetProperty("name").GetString().Should().Be("lumen");
        loaded.GetProperty("dialect").GetProperty("source").GetString().Should().Be("lumen.yaml");
        loaded.GetProperty("dialect").GetProperty("operations").GetArrayLength().Should().Be(4);
        (await http.PostAsync("/__admin/scenarios?name=renders.yaml", Yaml(Renders), ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        http.DefaultRequestHeaders.Add("X-Lumen-Key", "lumen_test_key");
        (await http.GetFromJsonAsync<JsonElement>("/lumen/v1/renders/rnd_demo00000001", ct)).GetProperty("state").GetString().Should().Be("queued");
        using var put = await http.PutAsync("/lumen/v1/renders/rnd_demo00000001", null, ct);
        put.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, "the new routes count for 405 too");
        put.Content.Headers.Allow.Should().Equal("GET");
        (await http.GetFromJsonAsync<JsonElement>("/__admin/openapi.json", ct)).GetProperty("paths").TryGetProperty("/lumen/v1/renders/{render_id}/cancel", out _).Should().BeTrue();
        var listed = await http.GetFromJsonAsync<JsonElement>("/__admin/dialects", ct);
        listed.EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("built_in").GetBoolean(), d.GetProperty("scenarios").GetInt32()))
            .Should().Contain([("docurift", true, 13), ("lumen", false, 1)]);

        using var replaced = await http.PostAsync("/__admin/dialects?name=lumen-v2.yaml", Yaml(Lumen.Replace("running: rendering", "running: busy", StringComparison.Ordinal)), ct);
        replaced.StatusCode.Should().Be(HttpStatusCode.Created);
        (await replaced.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("unloaded_scenarios").EnumerateArray().Select(e => e.GetString()).Should().Equal("lumen-renders");
        (await http.GetAsync("/lumen/v1/renders/rnd_demo00000001", ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the scenario that spoke the old definition went with it");

        using var removed = await http.DeleteAsync("/__admin/dialects/lumen", ct);
        removed.StatusCode.Should().Be(HttpStatusCode.OK);
        using var gone = await http.GetAsync("/lumen/v1/renders/rnd_demo00000001", ct);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await gone.Content.ReadAsStringAsync(ct)).Should().Contain("JobEmulator has no route for GET /lumen/v1/renders/rnd_demo00000001", "its routes went too");
        (await http.DeleteAsync("/__admin/dialects/lumen", ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BuiltInDialects_AreNeitherReplacedNorRemoved_AndABrokenDefinitionChangesNothing()
    {
        await using var server = await RunningServer.StartAsync();
        var http = server.Client;
        var ct = TestContext.Current.CancellationToken;

        using var removal = await http.DeleteAsync("/__admin/dialects/docurift", ct);
        removal.StatusCode.Should().Be(HttpStatusCode.Conflict);

        using var taken = await http.PostAsync("/__admin/dialects", Yaml(Lumen.Replace("name: lumen ", "name: waveline ", StringComparison.Ordinal)), ct);
        taken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await taken.Content.ReadAsStringAsync(ct)).Should().Contain("a dialect named 'waveline' is already defined at waveline.yaml (built in)");

        using var clash = await http.PostAsync("/__admin/dialects", Yaml(Lumen.Replace("/lumen/v1/renders/{render_id}\"", "/v1/jobs/{render_id}\"", StringComparison.Ordinal)), ct);
        clash.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await clash.Content.ReadAsStringAsync(ct)).Should().Contain("would answer the requests of dialect 'docurift''s GET /v1/jobs/{id}");

        using var broken = await http.PostAsync("/__admin/dialects?name=mine.yaml", Yaml("kind: dialect\nname: mine\nstatus_wordz: {}\n"), ct);
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await broken.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors").EnumerateArray().ToList();
        errors.Should().Contain(e => e.GetProperty("source").GetString() == "mine.yaml" && e.GetProperty("line").GetInt32() == 3 && e.GetProperty("column").GetInt32() == 1);

        (await http.GetFromJsonAsync<JsonElement>("/__admin/dialects", ct)).GetArrayLength().Should().Be(5, "nothing was loaded");
    }

    [Fact]
    public async Task OneDialectMoreThanTheEngineKeeps_Is409()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < Core.Engine.JobEmulatorEngine.MaxDefinedDialects; i++)
        {
            using var loaded = await server.Client.PostAsync("/__admin/dialects", Yaml(Lumen.Replace("name: lumen ", $"name: lumen{i} ", StringComparison.Ordinal).Replace("/lumen/", $"/lumen{i}/", StringComparison.Ordinal)), ct);
            loaded.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using var refused = await server.Client.PostAsync("/__admin/dialects", Yaml(Lumen), ct);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(ct)).Should().Contain("serves 100 dialects of your own already");
    }
}
