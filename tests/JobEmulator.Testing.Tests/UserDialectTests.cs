using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Testing.Tests;

/// <summary>
/// A job API nobody built in, defined in a file (samples/your-own-api: the made-up Lumen Render) and served in process:
/// submitted, polled on the test's clock, listed, refused, and heard through its signed callbacks.
/// </summary>
public sealed class UserDialectTests
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Root, "samples", "your-own-api");

    [Fact]
    public async Task AFolderWithADefinitionAndItsScenario_ServesTheApiItDescribes()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile(Sample);
            options.CaptureWebhooks();
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-Lumen-Key", "lumen_test_key");
        var ct = TestContext.Current.CancellationToken;

        using var submitted = await http.PostAsJsonAsync("/lumen/v1/renders", new { scene = "intro.blend", frames = 24, callbackUrl = "http://127.0.0.1:9/hooks", callbackSecret = "s3cret" }, ct);
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await submitted.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = created.GetProperty("render").GetProperty("id").GetString()!;
        id.Should().MatchRegex("^rnd_[a-z0-9]{12}$");
        created.GetProperty("poll").GetString().Should().Be($"http://localhost/lumen/v1/renders/{id}");

        (await StateAsync(http, id)).Should().Be("queued");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await StateAsync(http, id)).Should().Be("rendering");
        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        var done = await http.GetFromJsonAsync<JsonElement>($"/lumen/v1/renders/{id}", ct);
        done.GetProperty("state").GetString().Should().Be("done");
        done.GetProperty("output").GetProperty("url").GetString().Should().StartWith("https://cdn.lumen.example/");

        var list = await http.GetFromJsonAsync<JsonElement>("/lumen/v1/renders?limit=1", ct);
        list.GetProperty("renders")[0].GetProperty("id").GetString().Should().Be(id, "the list is newest first");
        list.GetProperty("total").GetInt32().Should().Be(2, "the declared render and the submitted one");

        emulator.Webhooks.Received.Select(w => w.Json.GetProperty("event").GetString()).Should().Equal("render.started", "render.done");
        foreach (var webhook in emulator.Webhooks.Received)
        {
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes($"{webhook.Header("X-Lumen-Timestamp")}.{webhook.Body}")));
            webhook.Header("X-Lumen-Signature").Should().Be(expected);
            webhook.Url.Should().Be(new Uri("http://127.0.0.1:9/hooks"));
        }
    }

    [Fact]
    public async Task TheReadmesExample_RendersOnTheTestsClock()
    {
        // begin-snippet: own-api
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile("samples/your-own-api");   // lumen.yaml (kind: dialect) and renders.yaml
            options.CaptureWebhooks();                        // callbacks recorded, not sent
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-Lumen-Key", "lumen_test_key");

        var started = await http.PostAsJsonAsync("/lumen/v1/renders", new { scene = "broken.blend", callbackUrl = "https://example.com/hooks" });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("render").GetProperty("id").GetString();
        emulator.Clock.Advance(TimeSpan.FromSeconds(2));                 // renders.yaml: a broken scene fails after 2 s

        var render = await http.GetFromJsonAsync<JsonElement>($"/lumen/v1/renders/{id}");
        render.GetProperty("state").GetString().Should().Be("error");
        render.GetProperty("failure").GetProperty("code").GetString().Should().Be("scene_invalid");
        emulator.Webhooks.Received.Should().ContainSingle(w => w.Json.GetProperty("event").GetString() == "render.error");
        // end-snippet
    }

    [Fact]
    public async Task ACancelledRender_IsCancellingThenCancelled_AndItsCallbackSaysSo()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile(Sample);
            options.CaptureWebhooks();
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-Lumen-Key", "lumen_test_key");
        var ct = TestContext.Current.CancellationToken;
        using var submitted = await http.PostAsJsonAsync("/lumen/v1/renders", new { scene = "long.blend", callbackUrl = "http://127.0.0.1:9/hooks" }, ct);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("render").GetProperty("id").GetString();

        using var cancel = await http.PostAsync($"/lumen/v1/renders/{id}/cancel", null, ct);
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await StateAsync(http, id!)).Should().Be("cancelling");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await StateAsync(http, id!)).Should().Be("cancelled");
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        (await StateAsync(http, id!)).Should().Be("cancelled", "a cancelled render stays cancelled");

        using var again = await http.PostAsync($"/lumen/v1/renders/{id}/cancel", null, ct);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        emulator.Webhooks.Received.Select(w => w.Json.GetProperty("event").GetString()).Should().Equal("render.cancelled");
        emulator.Journal.Snapshot().Should().Contain(r => r.Path == $"/lumen/v1/renders/{id}/cancel" && r.StatusCode == 409 && r.Operation == Core.Dialects.Operations.OperationKind.Cancel);
    }

    [Fact]
    public async Task ADefinitionFromText_AndScenarioFromText_InAnyOrder()
    {
        var definition = await File.ReadAllTextAsync(Path.Combine(Sample, "lumen.yaml"), TestContext.Current.CancellationToken);
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            // The scenario is added first: definitions are read before any scenario, whatever the order.
            options.AddScenarioYaml("dialect: lumen\nauth: { keys: [k] }\njobs: [{ id: rnd_x, lifecycle: [{ status: error }] }]\n", "mine.yaml");
            options.AddDialectYaml(definition, "lumen.yaml");
        });
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-Lumen-Key", "k");

        var failed = await http.GetFromJsonAsync<JsonElement>("/lumen/v1/renders/rnd_x", TestContext.Current.CancellationToken);
        failed.GetProperty("failure").GetProperty("code").GetString().Should().Be("render_failed");

        using var unknown = await http.GetAsync("/lumen/v1/renders/rnd_nope", TestContext.Current.CancellationToken);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"error":{"code":"not_found","message":"No render 'rnd_nope'."}}""");
    }

    [Fact]
    public async Task ABrokenDefinition_FailsStartUp_AtItsLineAndColumn()
    {
        var start = () => JobEmulatorHost.StartAsync(options => options.AddDialectYaml("kind: dialect\nname: Lumen\n", "lumen.yaml"));

        (await start.Should().ThrowAsync<ScenarioValidationException>()).Which.Errors.Select(e => e.ToString()).Should().Contain(
            "lumen.yaml:2:7: 'name' is what scenarios write in 'dialect:': lower-case letters, digits, '-' and '_', starting with a letter; found 'Lumen'");
    }

    private static async Task<string?> StateAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/lumen/v1/renders/{id}", TestContext.Current.CancellationToken)).GetProperty("state").GetString();
}
