using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary><c>serve</c> of a folder holding a dialect definition beside its scenario: its routes, its 404, its OpenAPI entries.</summary>
public sealed class UserDialectServerTests
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Root, "samples", "your-own-api");

    [Fact]
    public async Task TheDefinedApi_IsServedBesideTheBuiltInOnes()
    {
        await using var server = await RunningServer.StartAsync(Sample, RepositoryPaths.Scenarios);
        var ct = TestContext.Current.CancellationToken;
        server.Client.DefaultRequestHeaders.Add("X-Lumen-Key", "lumen_test_key");

        var declared = await server.Client.GetFromJsonAsync<JsonElement>("/lumen/v1/renders/rnd_demo00000001", ct);
        declared.GetProperty("state").GetString().Should().Be("queued");
        declared.GetProperty("frames").GetInt32().Should().Be(48);

        using var refused = await server.Client.PostAsJsonAsync("/lumen/v1/renders", new { scene = "intro.mp4" }, ct);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetProperty("code").GetString().Should().Be("invalid_request");

        using var nowhere = await server.Client.GetAsync("/lumen/v1/nowhere", ct);
        nowhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await nowhere.Content.ReadAsStringAsync(ct)).Should().Be("""{"error":{"code":"not_found","message":"No route /lumen/v1/nowhere."}}""");

        var openApi = await server.Client.GetFromJsonAsync<JsonElement>("/__admin/openapi.json", ct);
        openApi.GetProperty("paths").TryGetProperty("/lumen/v1/renders/{render_id}", out _).Should().BeTrue();
        openApi.GetProperty("paths").TryGetProperty("/v1/jobs/{id}", out _).Should().BeTrue("the built-in dialects are still served");
    }
}
