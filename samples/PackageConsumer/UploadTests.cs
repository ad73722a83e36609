using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using JobEmulator.WireMock;
using WireMock.Server;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>Submitting a job and hearing its webhook in memory, and the emulator inside a WireMock.Net server.</summary>
public sealed class UploadTests
{
    [Fact]
    public async Task Upload_IsAnnouncedBySignedWebhook()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var emulator = await JobEmulatorHost.StartAsync(
            options =>
            {
                options.AddScenarioFile("scenarios/uploads.yaml");
                options.CaptureWebhooks();
            },
            cancellation);
        using var http = emulator.CreateClient();

        var jobId = await SubmitAsync(http, cancellation);
        await emulator.Clock.AdvanceUntilCompleteAsync(emulator.Webhooks.WaitForEventAsync("document.processing.completed", cancellation));

        emulator.Webhooks.Should().HaveSentFor(jobId).And.HaveAllBeenSignedWith("whsec_consumer").And.HaveAllBeenDelivered();
        emulator.Journal.Should().HavePolledExactly(jobId, 0);
    }

    [Fact]
    public async Task WireMockServer_AnswersTheEmulatorsRoutes()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var server = WireMockServer.Start();
        var jobs = server.AddJobEmulator(options =>
        {
            options.AddScenarioFile("scenarios/uploads.yaml");
            options.CaptureWebhooks();
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url!) };

        var jobId = await SubmitAsync(http, cancellation);
        jobs.Clock.Advance(TimeSpan.FromSeconds(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}");
        request.Headers.Add("X-API-Key", "sk_consumer");
        using var status = await http.SendAsync(request, cancellation);

        (await status.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
        jobs.Journal.Should().HavePolledExactly(jobId, 1);
    }

    private static async Task<string> SubmitAsync(HttpClient http, CancellationToken cancellation)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[512]), "file", "invoice.pdf" },
            { new StringContent("https://app.example/hooks"), "webhookUrl" },
            { new StringContent("whsec_consumer"), "webhookSecret" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents/process/async") { Content = form };
        request.Headers.Add("X-API-Key", "sk_consumer");
        using var response = await http.SendAsync(request, cancellation);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("data").GetProperty("id").GetString()!;
    }
}
