using System.Text.Json;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// How a vendor announces jobs by webhook: which transitions are events, the event body, how it is signed,
/// and the bodies of its webhook-registration operations. A dialect without webhooks has none.
/// </summary>
public abstract class WebhookFormat
{
    /// <summary>Every event type an endpoint may subscribe to.</summary>
    public abstract IReadOnlyList<string> EventTypes { get; }

    /// <summary>The event a transition that left <paramref name="left"/> and entered <paramref name="entered"/> raises, or null for none.</summary>
    public abstract string? EventTypeFor(JobStatus left, JobStatus entered);

    /// <summary>A new event id in the vendor's shape.</summary>
    public abstract string NewEventId(FakeData random);

    /// <summary>A new registered endpoint's id in the vendor's shape.</summary>
    public abstract string NewEndpointId(FakeData random);

    /// <summary>A new signing secret in the vendor's shape.</summary>
    public abstract string NewSecret(FakeData random);

    /// <summary>Writes the event's body.</summary>
    public abstract void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent);

    /// <summary>The headers that go with <paramref name="body"/> sent at <paramref name="sentAt"/>: signature, timestamp, event id. <paramref name="secret"/> null: unsigned.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt);

    /// <summary>Writes a registered endpoint (with its secret only when just created).</summary>
    public abstract void WriteEndpoint(Utf8JsonWriter writer, WebhookEndpoint endpoint, bool withSecret);

    /// <summary>Writes the list of a credential's endpoints.</summary>
    public abstract void WriteEndpoints(Utf8JsonWriter writer, IReadOnlyList<WebhookEndpoint> endpoints);

    /// <summary>Writes the answer to a removal.</summary>
    public abstract void WriteDeleted(Utf8JsonWriter writer, WebhookEndpoint endpoint);
}
