namespace JobEmulator.Core.Engine;

/// <summary>Where a live job came from, and what its submitter asked for.</summary>
/// <param name="Credential">The credential that submitted it; null for a job a scenario declares.</param>
/// <param name="WebhookUrl">The job's own webhook (<c>webhookUrl</c>), if the submission named one.</param>
/// <param name="WebhookSecret">The secret its own webhook is signed with, if the submission gave one.</param>
/// <param name="Metadata">Opaque text the submitter asked to get back in webhooks (<c>callbackMetadata</c>).</param>
/// <param name="SubmissionNumber">1-based number of the submission within its scenario; 0 for a declared job.</param>
internal sealed record JobOrigin(string? Credential, string? WebhookUrl, string? WebhookSecret, string? Metadata, int SubmissionNumber)
{
    /// <summary>A job that exists because a scenario declares it.</summary>
    public static JobOrigin Declared { get; } = new(null, null, null, null, 0);

    /// <summary>A header the job's own webhook events carry, as the submission asked (AssemblyAI's auth header); null for none.</summary>
    public KeyValuePair<string, string>? WebhookHeader { get; init; }

    /// <summary>The HTTP method the job's own events are sent with, chosen by its submission; null: the dialect's.</summary>
    public string? WebhookMethod { get; init; }
}
