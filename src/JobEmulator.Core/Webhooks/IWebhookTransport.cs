namespace JobEmulator.Core.Webhooks;

/// <summary>Sends webhook messages: over HTTP by default (<see cref="HttpWebhookTransport"/>), or into a test's in-memory sink.</summary>
public interface IWebhookTransport
{
    /// <summary>Sends <paramref name="message"/>; must answer within <paramref name="timeout"/> (a slower receiver counts as failed).</summary>
    ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken);
}
