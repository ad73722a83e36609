namespace JobEmulator.Core.Dialects.Operations;

/// <summary>What an operation does; the engine has one handler per kind, and every dialect's routes map onto them.</summary>
public enum OperationKind
{
    /// <summary>Read one job's status (the poll).</summary>
    Status,

    /// <summary>Create a job from a client's submission.</summary>
    Submit,

    /// <summary>Register a webhook endpoint for the credential's jobs.</summary>
    WebhookCreate,

    /// <summary>List the webhook endpoints registered with the credential.</summary>
    WebhookList,

    /// <summary>Remove a registered webhook endpoint.</summary>
    WebhookDelete,
}
