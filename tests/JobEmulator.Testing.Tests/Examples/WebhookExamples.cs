using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using Xunit;

namespace JobEmulator.Examples;

/// <summary>Submitting DocuRift jobs and waiting for their webhooks, in memory, on the fake clock.</summary>
public sealed class WebhookExamples
{
    private const string Hooks = "scenarios/docurift/webhooks.yaml";

    [Fact]
    public async Task AClientThatWaitsForTheWebhook_GetsItAtTheTransitionsInstant()
    {
        // begin-snippet: webhook-wait
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile("scenarios/docurift/webhooks.yaml");
            options.CaptureWebhooks();                     // webhooks stay in memory; default: sent over HTTP
        });
        using var http = emulator.CreateClient();
        // POST /v1/documents/process/async with webhookUrl and webhookSecret: the job's own webhook, no polling
        var jobId = await SubmitAsync(http, "invoice.pdf", webhookUrl: "https://app.example/hooks/docurift");

        var completed = await emulator.Clock.AdvanceUntilCompleteAsync(
            emulator.Webhooks.WaitForEventAsync("document.processing.completed"));

        completed.IsSignedWith("whsec_invoices").Should().BeTrue();
        completed.Json.GetProperty("createdAt").GetString().Should().Be("2025-01-01T00:00:05Z");
        // end-snippet

        completed.Json.GetProperty("data").GetProperty("id").GetString().Should().Be(jobId);
        emulator.Webhooks.Received.Select(w => w.EventType).Should().Equal("document.processing.started", "document.processing.completed");

        // begin-snippet: webhook-assertions
        emulator.Journal.Should().HavePolledExactly(jobId, 0, "the client relied on the webhook alone");
        emulator.Webhooks.Should()
            .HaveSentEvent("document.processing.completed")
            .And.HaveSentFor(jobId)
            .And.HaveAllBeenSignedWith("whsec_invoices");
        // end-snippet
    }

    [Fact]
    public async Task ARegisteredEndpoint_HearsTheFailure_AndAReceiverThatIsDownGetsItOnRetry()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile(Hooks);
            options.CaptureWebhooks();
        });
        emulator.Webhooks.CapturedStatus = 503;
        using var http = emulator.CreateClient();
        using var register = new HttpRequestMessage(HttpMethod.Post, "v1/webhooks")
        {
            Content = JsonContent.Create(new { url = "https://app.example/hooks/all", events = new[] { "document.processing.failed" }, active = true }),
        };
        register.Headers.Add("X-API-Key", "frc_webhook_key");
        using var registered = await http.SendAsync(register, TestContext.Current.CancellationToken);
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var secret = (await registered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("secret").GetString()!;

        await SubmitAsync(http, "corrupt.pdf");
        emulator.Clock.Advance(TimeSpan.FromSeconds(3));
        emulator.Webhooks.CapturedStatus = 200;
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        emulator.Webhooks.Received.Should().HaveCount(2).And.AllSatisfy(w => w.IsSignedWith(secret).Should().BeTrue());
        emulator.Engine.WebhookAttempts.Select(a => (a.Attempt, a.StatusCode, a.Time - EmulatorSetupOptions.DefaultStartTime))
            .Should().Equal((1, 503, TimeSpan.FromSeconds(2)), (2, 200, TimeSpan.FromSeconds(7)));
    }

    private static async Task<string> SubmitAsync(HttpClient http, string fileName, string? webhookUrl = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1024]), "file", fileName }, { new StringContent("invoice"), "documentType" } };
        if (webhookUrl is not null)
        {
            form.Add(new StringContent(webhookUrl), "webhookUrl");
            form.Add(new StringContent("whsec_invoices"), "webhookSecret");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = form };
        request.Headers.Add("X-API-Key", "frc_webhook_key");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("id").GetString()!;
    }
}
