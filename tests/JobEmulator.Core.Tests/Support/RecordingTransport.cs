using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Tests.Support;

/// <summary>A webhook receiver in memory: records every message; answers 500 for the first <see cref="FailFirst"/> attempts.</summary>
internal sealed class RecordingTransport : IWebhookTransport
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    /// <summary>Completes when the first message arrives (a delivery due at the clock's own instant is sent off the test's thread).</summary>
    public Task FirstReceived => _first.Task;

    public int FailFirst { get; init; }

    /// <summary>The status a failed attempt answers (default 500).</summary>
    public int FailWith { get; init; } = 500;

    public List<WebhookMessage> Received { get; } = [];

    public ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (Received)
        {
            Received.Add(message);
        }

        _first.TrySetResult();

        return ValueTask.FromResult(Interlocked.Increment(ref _attempts) <= FailFirst ? new WebhookResponse(FailWith, null) : new WebhookResponse(200, null));
    }
}
