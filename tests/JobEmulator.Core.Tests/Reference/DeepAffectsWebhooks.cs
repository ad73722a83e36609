using System.Text.Json;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// DeepAffects' async webhook: <c>POST {"request_id","response":{…}}</c> to the call's <c>?webhook=</c> once the
/// job finishes; <c>response</c> is the API's result (or <c>{"error": …}</c> for a failed job), as the status
/// endpoint's <c>response.response</c> shows it. Unsigned.
/// </summary>
internal sealed class DeepAffectsWebhooks : WebhookFormat
{
    /// <summary>The one event: the job finished.</summary>
    public const string Finished = "finished";

    /// <inheritdoc />
    public override IReadOnlyList<string> EventTypes { get; } = [Finished];

    /// <inheritdoc />
    public override string? EventTypeFor(JobStatus left, JobStatus entered) =>
        entered is JobStatus.Completed or JobStatus.Failed ? Finished : null;

    /// <inheritdoc />
    public override string NewEventId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    public override void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("request_id", webhookEvent.Job.Id);
        writer.WritePropertyName("response");
        if (webhookEvent.Job.Status == JobStatus.Completed)
        {
            (webhookEvent.Job.Result ?? JsonFragment.Null).WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("error", webhookEvent.Job.Error?.Message ?? "The request could not be processed.");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt) => [];
}
