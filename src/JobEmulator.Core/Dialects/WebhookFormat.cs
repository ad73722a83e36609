using System.Text.Json;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// How a vendor announces jobs by webhook: which transitions are events, the event body, how it is signed,
/// and the bodies of its webhook-registration operations. A dialect without webhooks has none.
/// </summary>
internal abstract class WebhookFormat
{
    /// <summary>Every event type an endpoint may subscribe to.</summary>
    public abstract IReadOnlyList<string> EventTypes { get; }

    /// <summary>The event a transition that left <paramref name="left"/> and entered <paramref name="entered"/> raises, or null for none.</summary>
    public abstract string? EventTypeFor(JobStatus left, JobStatus entered);

    /// <summary>As <see cref="EventTypeFor(JobStatus, JobStatus)"/>, knowing the entered step's own word (a cancelled job's), if it has one.</summary>
    internal virtual string? EventTypeFor(JobStatus left, JobStatus entered, string? enteredWord) => EventTypeFor(left, entered);

    /// <summary>A new event id in the vendor's shape.</summary>
    public abstract string NewEventId(FakeData random);

    /// <summary>A new registered endpoint's id in the vendor's shape (for dialects whose clients register endpoints).</summary>
    public virtual string NewEndpointId(FakeData random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return "wh_" + random.Text(16, "abcdefghijklmnopqrstuvwxyz0123456789");
    }

    /// <summary>A new signing secret in the vendor's shape (for dialects whose clients register endpoints).</summary>
    public virtual string NewSecret(FakeData random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Text(32, "abcdefghijklmnopqrstuvwxyz0123456789");
    }

    /// <summary>Writes the event's body.</summary>
    public abstract void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent);

    /// <summary>The headers that go with <paramref name="body"/> sent at <paramref name="sentAt"/>: signature, timestamp, event id. <paramref name="secret"/> null: unsigned.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt);

    /// <summary>Writes a registered endpoint (with its secret only when just created); by default the endpoint's fields as a plain object.</summary>
    public virtual void WriteEndpoint(Utf8JsonWriter writer, WebhookEndpoint endpoint, bool withSecret) =>
        WriteEndpointObject(writer, endpoint, withSecret);

    /// <summary>The endpoint's fields as a plain object (the secret only when <paramref name="withSecret"/>): the
    /// default answer, and what a vendor's envelope wraps.</summary>
    protected static void WriteEndpointObject(Utf8JsonWriter writer, WebhookEndpoint endpoint, bool withSecret)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoint);
        writer.WriteStartObject();
        writer.WriteString("id", endpoint.Id);
        writer.WriteString("url", endpoint.Url.OriginalString);
        writer.WriteStartArray("events");
        foreach (var type in endpoint.Events)
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
        if (withSecret)
        {
            writer.WriteString("secret", endpoint.Secret);
        }

        writer.WriteBoolean("active", endpoint.Active);
        IsoTime.Write(writer, JsonEncodedText.Encode("createdAt"), endpoint.CreatedAt);
        writer.WriteEndObject();
    }

    /// <summary>Writes the list of a credential's endpoints; by default a JSON array of them.</summary>
    public virtual void WriteEndpoints(Utf8JsonWriter writer, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoints);
        writer.WriteStartArray();
        foreach (var endpoint in endpoints)
        {
            WriteEndpoint(writer, endpoint, withSecret: false);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the answer to a removal; by default <c>{"id","deleted":true}</c>.</summary>
    public virtual void WriteDeleted(Utf8JsonWriter writer, WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoint);
        writer.WriteStartObject();
        writer.WriteString("id", endpoint.Id);
        writer.WriteBoolean("deleted", true);
        writer.WriteEndObject();
    }
}
