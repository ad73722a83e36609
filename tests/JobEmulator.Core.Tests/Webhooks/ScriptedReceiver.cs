using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>
/// A webhook receiver in memory that answers each attempt as told, in order (the last answer repeats): an HTTP status,
/// or an exception the transport throws. Records every message and the time-out it was given.
/// </summary>
internal sealed class ScriptedReceiver(params Func<WebhookResponse>[] answers) : IWebhookTransport
{
    private int _attempts;

    public List<(WebhookMessage Message, TimeSpan Timeout)> Received { get; } = [];

    public static Func<WebhookResponse> Status(int status) => () => new WebhookResponse(status, null);

    public static Func<WebhookResponse> Throws(Exception exception) => () => throw exception;

    public ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int attempt;
        lock (Received)
        {
            Received.Add((message, timeout));
            attempt = _attempts++;
        }

        return ValueTask.FromResult(answers[Math.Min(attempt, answers.Length - 1)]());
    }
}
