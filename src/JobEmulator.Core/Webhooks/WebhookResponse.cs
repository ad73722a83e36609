namespace JobEmulator.Core.Webhooks;

/// <summary>What a receiver answered to one attempt: an HTTP status, or the error that stopped the attempt.</summary>
public readonly struct WebhookResponse
{
    /// <summary>An answer: the receiver's <paramref name="statusCode"/>, or the <paramref name="error"/> that stopped the attempt when none came.</summary>
    public WebhookResponse(int? statusCode, string? error)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The HTTP status, when the receiver answered.</summary>
    public int? StatusCode { get; }

    /// <summary>Why no answer came (refused, timed out), when none did.</summary>
    public string? Error { get; }

    /// <summary>True for a 2xx answer: the event was delivered.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
