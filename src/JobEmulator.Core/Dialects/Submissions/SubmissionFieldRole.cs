namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>What the engine does with a submission field beyond matching <c>when:</c>.</summary>
internal enum SubmissionFieldRole
{
    /// <summary>Nothing more: it is there to match and to fill a job field.</summary>
    Plain,

    /// <summary>The URL the job's own webhook events go to.</summary>
    WebhookUrl,

    /// <summary>The secret the job's own webhook events are signed with.</summary>
    WebhookSecret,

    /// <summary>Opaque text handed back in the job's webhook events.</summary>
    CallbackMetadata,

    /// <summary>The HTTP method this job's own events are sent with (Deepgram's <c>callback_method</c>: POST or PUT).</summary>
    WebhookMethod,

    /// <summary>The id the client asks the job to have (DeepAffects' <c>request_id</c>); unused ids only.</summary>
    JobId,

    /// <summary><c>true</c>: the client waits for the result (Aitronos' <c>sync</c>), so the job is created already finished, in its template's last step.</summary>
    Synchronous,

    /// <summary>The name of a header the job's own webhook events carry (AssemblyAI's <c>webhook_auth_header_name</c>).</summary>
    WebhookHeaderName,

    /// <summary>That header's value (AssemblyAI's <c>webhook_auth_header_value</c>).</summary>
    WebhookHeaderValue,
}
