using System.Net.Http.Headers;

namespace JobEmulator.Core.Webhooks;

/// <summary>
/// Delivers webhooks with an HTTP POST. The time-out is measured on the wall clock: it bounds a network
/// wait, which a fake clock standing still while the delivery runs could never end.
/// </summary>
public sealed class HttpWebhookTransport : IWebhookTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;

    /// <summary>Creates the transport with its own connection pool.</summary>
    public HttpWebhookTransport()
        : this(NewClient())
    {
    }

    // HttpClient's own 100 s time-out would cut a scenario's longer one (up to 5 minutes): each send sets its own.
    internal static HttpClient NewClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Creates the transport over <paramref name="client"/> (its own time-out should be infinite; each send sets one).</summary>
    public HttpWebhookTransport(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public async ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Parse(message.Method), message.Url) { Content = new ReadOnlyMemoryContent(message.Body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.UserAgent.ParseAdd("JobEmulator-Webhooks/1.0");
        foreach (var (name, value) in message.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token).ConfigureAwait(false);
            return new WebhookResponse((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
