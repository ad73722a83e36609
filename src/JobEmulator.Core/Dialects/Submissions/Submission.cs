namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>A client's request to create a job, with its fields resolved by the dialect's <see cref="Dialect.SubmissionFields"/>.</summary>
/// <param name="Values">Each field's value by its <see cref="SubmissionField.Key"/> (defaults filled in).</param>
/// <param name="WebhookUrl">The job's own webhook, if the submission named one.</param>
/// <param name="WebhookSecret">The secret that webhook is signed with, if given.</param>
/// <param name="CallbackMetadata">Text handed back in the job's webhook events, if given.</param>
internal sealed record Submission(IReadOnlyDictionary<string, string> Values, string? WebhookUrl, string? WebhookSecret, string? CallbackMetadata)
{
    /// <summary>A submission with no fields.</summary>
    public static Submission Empty { get; } = new(new Dictionary<string, string>(), null, null, null);

    /// <summary>The id the client asked the job to have (<see cref="SubmissionFieldRole.JobId"/>), if any.</summary>
    public string? JobId { get; init; }

    /// <summary>The keys of <see cref="Values"/> filled from a documented default, not sent by the client.</summary>
    public IReadOnlySet<string> Defaulted { get; init; } = new HashSet<string>();

    /// <summary>True when the client waits for the result (<see cref="SubmissionFieldRole.Synchronous"/>): the job starts finished.</summary>
    public bool Synchronous { get; init; }

    /// <summary>A header the job's own webhook events carry (fields whose roles are webhook_header_name and _value); null for none.</summary>
    public KeyValuePair<string, string>? WebhookHeader { get; init; }

    /// <summary>The HTTP method the job's own webhook events are sent with (a field whose role is webhook_method); null: the dialect's.</summary>
    public string? WebhookMethod { get; init; }
}
