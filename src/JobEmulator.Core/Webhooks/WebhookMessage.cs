namespace JobEmulator.Core.Webhooks;

/// <summary>One HTTP request of a webhook event (a POST, or the vendor's method), ready to send: the exact bytes that were signed, and the headers.</summary>
public sealed class WebhookMessage
{
    /// <summary>A <paramref name="method"/> request to <paramref name="url"/> of <paramref name="body"/> (the bytes as signed) with <paramref name="headers"/>.</summary>
    public WebhookMessage(Uri url, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers, string method = "POST")
    {
        Url = url;
        Body = body;
        Headers = headers;
        Method = method;
    }

    /// <summary>The HTTP method: POST, or PUT or PATCH where the vendor (or the job's submission) says so.</summary>
    public string Method { get; }

    /// <summary>Where it goes.</summary>
    public Uri Url { get; }

    /// <summary>The JSON body, byte for byte as signed.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The headers to send besides <c>Content-Type: application/json</c> (signature, timestamp, event id).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
