namespace JobEmulator.Core.Dialects.Operations;

/// <summary>What an operation does; the engine has one handler per kind, and every dialect's routes map onto them.</summary>
public enum OperationKind
{
    /// <summary>Read one job's status (the poll).</summary>
    Status,

    /// <summary>Create a job from a client's submission.</summary>
    Submit,

    /// <summary>Create one job per file of a client's batch submission.</summary>
    BatchSubmit,

    /// <summary>List the jobs the credential may see, newest first, a page at a time.</summary>
    List,

    /// <summary>Exchange application credentials for an access token.</summary>
    Token,

    /// <summary>Register a webhook endpoint for the credential's jobs.</summary>
    WebhookCreate,

    /// <summary>List the webhook endpoints registered with the credential.</summary>
    WebhookList,

    /// <summary>Remove a registered webhook endpoint.</summary>
    WebhookDelete,

    /// <summary>
    /// Read what the vendor serves about the jobs that share one field's value (Symbl's Conversation API: a
    /// conversation's messages, topics, summary), once one of them has completed; the dialect writes the answer
    /// (<see cref="Dialect.WriteRead"/>) and <see cref="DialectOperation.Lookup"/> says which field the route names.
    /// </summary>
    Read,

    /// <summary>
    /// Cancel one job: an unfinished job moves to the dialect's cancelling step, if it has one, then to its terminal
    /// cancelled step; a finished one is refused (409, <see cref="ErrorKind.Conflict"/>).
    /// </summary>
    Cancel,
}
