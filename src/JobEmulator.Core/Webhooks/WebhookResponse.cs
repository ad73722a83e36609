namespace JobEmulator.Core.Webhooks;

/// <summary>What a receiver answered to one attempt: an HTTP status, or the error that stopped the attempt.</summary>
/// <param name="StatusCode">The HTTP status, when the receiver answered.</param>
/// <param name="Error">Why no answer came (refused, timed out), when none did.</param>
public readonly record struct WebhookResponse(int? StatusCode, string? Error)
{
    /// <summary>True for a 2xx answer: the event was delivered.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
