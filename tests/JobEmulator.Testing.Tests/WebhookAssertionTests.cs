using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;
using Xunit.Sdk;

namespace JobEmulator.Testing.Tests;

/// <summary>The webhook assertions pass on what was sent and fail, listing every webhook, on what was not.</summary>
public sealed class WebhookAssertionTests : IAsyncLifetime
{
    private JobEmulatorHost _emulator = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, "docurift", "webhooks.yaml"));
            options.CaptureWebhooks();
        });
        _http = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public void NothingSent_PassesHaveSentNone_AndFailsHaveSentEvent()
    {
        _emulator.Webhooks.Should().HaveSentNone().And.HaveAllBeenDelivered();

        var act = () => _emulator.Webhooks.Should().HaveSentEvent("document.processing.completed", "the job finished");

        act.Should().Throw<XunitException>().WithMessage("Expected a webhook of type document.processing.completed because the job finished, but none was sent.");
    }

    [Fact]
    public async Task ACompletedJob_PassesEveryCheck_AndReturnsTheWebhook()
    {
        var jobId = await SubmitAsync();
        _emulator.Clock.Advance(TimeSpan.FromSeconds(5));

        var completed = _emulator.Webhooks.Should().HaveSent(2)
            .And.HaveSentFor(jobId)
            .And.HaveAllBeenDelivered()
            .And.HaveAllBeenSignedWith("whsec_a")
            .And.HaveSentEvent("document.processing.completed").Which;

        completed.Json.GetProperty("data").GetProperty("id").GetString().Should().Be(jobId);
    }

    [Fact]
    public async Task WrongSecret_AnUnknownJob_AndARefusedDelivery_FailListingEveryWebhook()
    {
        _emulator.Webhooks.CapturedStatus = 500;
        await SubmitAsync();
        _emulator.Clock.Advance(TimeSpan.FromSeconds(1));

        var signed = () => _emulator.Webhooks.Should().HaveAllBeenSignedWith("whsec_other");
        var named = () => _emulator.Webhooks.Should().HaveSentFor("job_{unknown}");
        var delivered = () => _emulator.Webhooks.Should().HaveAllBeenDelivered();

        signed.Should().Throw<XunitException>().WithMessage("Expected at least one webhook, each signed with the given secret, but 1 webhook sent:*1. document.processing.started → https://app.example/hooks (500)");
        named.Should().Throw<XunitException>().WithMessage("Expected a webhook naming job job_{unknown}, but 1 webhook sent:*");
        delivered.Should().Throw<XunitException>().WithMessage("Expected every webhook to be answered 2xx, but 1 webhook sent:*(500)");
    }

    private async Task<string> SubmitAsync()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[64]), "file", "invoice.pdf" },
            { new StringContent("https://app.example/hooks"), "webhookUrl" },
            { new StringContent("whsec_a"), "webhookSecret" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = form };
        request.Headers.Add("X-API-Key", "frc_webhook_key");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("id").GetString()!;
    }
}
