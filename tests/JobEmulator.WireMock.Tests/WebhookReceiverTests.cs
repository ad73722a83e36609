using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using JobEmulator.Tests.Shared;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace JobEmulator.WireMock.Tests;

/// <summary>Webhooks delivered over real HTTP to a WireMock.Net receiver on loopback, on the emulator's fake clock.</summary>
public sealed class WebhookReceiverTests : IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    public void Dispose() => _receiver.Stop();

    [Fact]
    public async Task EveryEvent_ReachesARealReceiver_SignedSoItsOwnHmacAgrees()
    {
        _receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, "docurift", "webhooks.yaml")));
        using var http = emulator.CreateClient();
        var hook = $"http://127.0.0.1:{_receiver.Port}/hooks";

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[256]), "file", "invoice.pdf" },
            { new StringContent(hook), "webhookUrl" },
            { new StringContent("whsec_receiver"), "webhookSecret" },
        };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = form };
        submit.Headers.Add("X-API-Key", "frc_webhook_key");
        using var submitted = await http.SendAsync(submit, TestContext.Current.CancellationToken);
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await emulator.Clock.AdvanceUntilCompleteAsync(emulator.Webhooks.WaitForEventAsync("document.processing.completed", TestContext.Current.CancellationToken));

        var posts = _receiver.LogEntries.Select(e => e.RequestMessage).ToList();
        posts.Should().HaveCount(2);
        foreach (var post in posts)
        {
            var timestamp = post.Headers!["X-DocuRift-Timestamp"].Single();
            var body = post.BodyAsBytes ?? Encoding.UTF8.GetBytes(post.Body!);
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("whsec_receiver"));
            var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
            post.Headers["X-DocuRift-Signature"].Single().Should().Be(expected);
            JsonDocument.Parse(body).RootElement.GetProperty("id").GetString().Should().Be(post.Headers["X-DocuRift-Event-Id"].Single());
        }

        emulator.Engine.WebhookAttempts.Should().AllSatisfy(a => a.StatusCode.Should().Be(204));
    }

    [Fact]
    public async Task AReceiverDownForFiveSeconds_GetsEveryEvent_AtLeastOnce_AfterItReturns()
    {
        // The receiver's port, then the receiver gone: every delivery is refused until it comes back.
        var port = _receiver.Port;
        _receiver.Stop();
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, "docurift", "webhooks.yaml")));
        using var http = emulator.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[256]), "file", "invoice.pdf" },
            { new StringContent($"http://127.0.0.1:{port}/hooks"), "webhookUrl" },
        };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = form };
        submit.Headers.Add("X-API-Key", "frc_webhook_key");
        using var submitted = await http.SendAsync(submit, TestContext.Current.CancellationToken);
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);

        emulator.Clock.Advance(TimeSpan.FromSeconds(5));                  // both events fall due while the receiver is down
        var refused = emulator.Engine.WebhookAttempts.Count;
        using var back = WireMockServer.Start(port);                       // five seconds later, it is back
        back.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));                   // the scenario retries after 5 s, 30 s and 2 min

        refused.Should().Be(2, "the started and completed events were both tried while the receiver was down");
        emulator.Engine.WebhookAttempts.Take(refused).Should().AllSatisfy(a => a.StatusCode.Should().BeNull("nothing answered"));
        var events = back.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("type").GetString()).ToList();
        events.Should().Contain("document.processing.started").And.Contain("document.processing.completed");
    }
}
