using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// DocuRift's webhooks (public docs): events <c>{id: evt_…, type, apiVersion: 2024-01-26, createdAt, data}</c> of
/// types <c>document.processing.started|completed|failed</c>, signed with <c>X-DocuRift-Signature</c> = hex
/// HMAC-SHA256 of <c>"{timestamp}.{rawBody}"</c> under the endpoint's secret, with <c>X-DocuRift-Timestamp</c>
/// (unix seconds) and <c>X-DocuRift-Event-Id</c>; endpoints registered with <c>POST /v1/webhooks</c>.
/// </summary>
internal sealed class DocuRiftWebhooks(DocuRiftDialect dialect) : WebhookFormat
{
    /// <summary>The API version every event carries.</summary>
    public const string ApiVersion = "2024-01-26";

    /// <summary>The processing-started event.</summary>
    public const string Started = "document.processing.started";

    /// <summary>The processing-completed event.</summary>
    public const string Completed = "document.processing.completed";

    /// <summary>The processing-failed event.</summary>
    public const string Failed = "document.processing.failed";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <inheritdoc />
    public override IReadOnlyList<string> EventTypes { get; } = [Started, Completed, Failed];

    /// <inheritdoc />
    public override string? EventTypeFor(JobStatus left, JobStatus entered) => entered switch
    {
        JobStatus.Running when left == JobStatus.Queued => Started,
        JobStatus.Completed => Completed,
        JobStatus.Failed => Failed,
        _ => null,
    };

    /// <inheritdoc />
    public override string NewEventId(FakeData random) => "evt_" + Draw(random, 24);

    /// <inheritdoc />
    public override string NewEndpointId(FakeData random) => "wh_" + Draw(random, 16);

    /// <inheritdoc />
    public override string NewSecret(FakeData random) => "whsec_" + Draw(random, 32);

    /// <inheritdoc />
    public override void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", webhookEvent.Id);
        writer.WriteString("type", webhookEvent.Type);
        writer.WriteString("apiVersion", ApiVersion);
        IsoTime.Write(writer, JsonEncodedText.Encode("createdAt"), webhookEvent.CreatedAt);
        writer.WritePropertyName("data");
        dialect.WriteJobData(writer, webhookEvent.Job, webhookEvent.Metadata);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>(3)
        {
            new("X-DocuRift-Event-Id", webhookEvent.Id),
            new("X-DocuRift-Timestamp", timestamp),
        };
        if (secret is not null)
        {
            headers.Add(new("X-DocuRift-Signature", Sign(secret, timestamp, body)));
        }

        return headers;
    }

    /// <summary>The signature DocuRift sends: lowercase hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <inheritdoc />
    public override void WriteEndpoint(Utf8JsonWriter writer, WebhookEndpoint endpoint, bool withSecret)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WritePropertyName("data");
        WriteEndpointObject(writer, endpoint, withSecret);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override void WriteEndpoints(Utf8JsonWriter writer, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoints);
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteStartArray("data");
        foreach (var endpoint in endpoints)
        {
            WriteEndpointObject(writer, endpoint, withSecret: false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override void WriteDeleted(Utf8JsonWriter writer, WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoint);
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteStartObject("data");
        writer.WriteString("id", endpoint.Id);
        writer.WriteBoolean("deleted", true);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Draw(FakeData random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Text(length, Alphabet);
    }
}
