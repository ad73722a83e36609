using JobEmulator.Core.Webhooks;

namespace JobEmulator.Testing;

/// <summary>
/// Every webhook the in-process emulator sent, in order, for a test to assert on (<c>emulator.Webhooks</c>).
/// By default each is also delivered over HTTP and the receiver's answer counts; with
/// <c>options.CaptureWebhooks()</c> nothing leaves the process and every delivery is answered
/// <see cref="CapturedStatus"/> in memory.
/// </summary>
public sealed class WebhookSink : IWebhookTransport, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly List<(Func<ReceivedWebhook, bool> Match, TaskCompletionSource<ReceivedWebhook> Done)> _waiters = [];
    private readonly IWebhookTransport? _network;
    private readonly EmulatorClock? _clock;

    internal WebhookSink(IWebhookTransport? network, EmulatorClock? clock)
    {
        _network = network;
        _clock = clock;
    }

    /// <summary>True when deliveries stay in memory (<c>CaptureWebhooks()</c>).</summary>
    public bool IsCapturing => _network is null;

    /// <summary>When capturing: the status every delivery is answered (default 200; a 5xx makes the emulator retry).</summary>
    public int CapturedStatus { get; set; } = 200;

    /// <summary>Every webhook sent so far (each attempt, retries included), oldest first.</summary>
    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>How many webhooks were sent so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    /// <summary>
    /// The first webhook sent (already, or from now) that <paramref name="match"/> accepts. On the fake clock the wait
    /// is one <c>AdvanceUntilCompleteAsync</c> sees, so a client awaiting a webhook needs no timer of its own.
    /// </summary>
    public Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        TaskCompletionSource<ReceivedWebhook> done;
        lock (_gate)
        {
            foreach (var webhook in _received)
            {
                if (match(webhook))
                {
                    return Task.FromResult(webhook);
                }
            }

            done = new TaskCompletionSource<ReceivedWebhook>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
        }

        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return _clock is null ? done.Task : _clock.WaitAsync(done.Task);
    }

    /// <summary>The first webhook of <paramref name="eventType"/> (<c>document.processing.completed</c>).</summary>
    public Task<ReceivedWebhook> WaitForEventAsync(string eventType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return WaitForAsync(webhook => webhook.EventType == eventType, cancellationToken);
    }

    /// <inheritdoc />
    async ValueTask<WebhookResponse> IWebhookTransport.SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = _network is null
            ? new WebhookResponse(CapturedStatus, null)
            : await _network.SendAsync(message, timeout, cancellationToken).ConfigureAwait(false);
        var webhook = new ReceivedWebhook(message, response);
        List<TaskCompletionSource<ReceivedWebhook>> wake = [];
        lock (_gate)
        {
            _received.Add(webhook);
            _waiters.RemoveAll(waiter =>
            {
                if (!waiter.Done.Task.IsCompleted && !waiter.Match(webhook))
                {
                    return false;
                }

                wake.Add(waiter.Done);
                return true;
            });
        }

        // Completed here, inside the delivery, so a clock that runs emulator work to completion sees the waiter done.
        wake.ForEach(done => done.TrySetResult(webhook));
        return response;
    }

    /// <summary>Closes the HTTP connections used to deliver (the host does this when it stops).</summary>
    public void Dispose() => (_network as IDisposable)?.Dispose();

    /// <summary>Forgets every webhook (a reset).</summary>
    internal void Clear()
    {
        lock (_gate)
        {
            _received.Clear();
        }
    }
}
