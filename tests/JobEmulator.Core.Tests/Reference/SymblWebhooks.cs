using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// Symbl's Async API webhook: <c>POST {"jobId","status"}</c> to the submission's <c>webhookUrl</c> on every
/// status change (unsigned; Symbl documents no signature).
/// </summary>
internal sealed class SymblWebhooks : WebhookFormat
{
    /// <summary>The one event: the job's status changed.</summary>
    public const string StatusChanged = "status_change";

    /// <inheritdoc />
    public override IReadOnlyList<string> EventTypes { get; } = [StatusChanged];

    /// <inheritdoc />
    public override string? EventTypeFor(JobStatus left, JobStatus entered) => left == entered ? null : StatusChanged;

    /// <inheritdoc />
    public override string NewEventId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    public override void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("jobId", webhookEvent.Job.Id);
        writer.WriteString("status", webhookEvent.Job.Word ?? Words.Encoded(webhookEvent.Job.Status));
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt) => [];

    private static readonly StatusWords Words = new("scheduled", "in_progress", "completed", "failed");
}
