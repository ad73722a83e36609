namespace JobEmulator.Core.Webhooks;

/// <summary>One HTTP POST of a webhook event, ready to send: the exact bytes that were signed, and the headers.</summary>
/// <param name="Url">Where it goes.</param>
/// <param name="Body">The JSON body, byte for byte as signed.</param>
/// <param name="Headers">The headers to send besides <c>Content-Type: application/json</c> (signature, timestamp, event id).</param>
public sealed record WebhookMessage(Uri Url, ReadOnlyMemory<byte> Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
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
