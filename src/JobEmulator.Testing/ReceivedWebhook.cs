using System.Text;
using System.Text.Json;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Testing;

/// <summary>One webhook the emulator sent, as a receiver saw it, and what came back.</summary>
public sealed class ReceivedWebhook
{
    internal ReceivedWebhook(WebhookMessage message, WebhookResponse response)
    {
        Message = message;
        Response = response;
        Body = Encoding.UTF8.GetString(message.Body.Span);
        using var document = JsonDocument.Parse(message.Body);
        Json = document.RootElement.Clone();
        EventType = Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
    }

    /// <summary>The message: URL, exact body bytes and headers.</summary>
    public WebhookMessage Message { get; }

    /// <summary>What the receiver answered (in memory: <see cref="WebhookSink.CapturedStatus"/>).</summary>
    public WebhookResponse Response { get; }

    /// <summary>Where it was sent.</summary>
    public Uri Url => Message.Url;

    /// <summary>The body as text.</summary>
    public string Body { get; }

    /// <summary>The body as JSON.</summary>
    public JsonElement Json { get; }

    /// <summary>The event's <c>type</c>, for dialects whose events carry one (DocuRift), else null.</summary>
    public string? EventType { get; }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Message.Header(name);

    /// <summary>
    /// True when the webhook carries the vendor's signature and it matches <paramref name="secret"/> (DocuRift:
    /// <c>X-DocuRift-Signature</c> = hex HMAC-SHA256 of <c>"{X-DocuRift-Timestamp}.{body}"</c>); false when unsigned or forged.
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Header("X-DocuRift-Signature") is { } signature && Header("X-DocuRift-Timestamp") is { } timestamp
            && string.Equals(signature, Sign(secret, timestamp, Message.Body.Span), StringComparison.Ordinal);
    }

    // Lowercase hex HMAC-SHA256 of "{timestamp}.{body}" under the secret, as DocuRift signs.
    private static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <inheritdoc />
    public override string ToString() => $"{EventType ?? "webhook"} → {Url} ({Response.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Response.Error})";
}
