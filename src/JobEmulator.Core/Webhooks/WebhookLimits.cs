namespace JobEmulator.Core.Webhooks;

/// <summary>
/// How much webhook work the emulator takes on at once: attempts in flight, globally and per receiver, and how many
/// attempts may wait for a slot. Delivery is at least once while the backlog holds; past <see cref="Backlog"/>, the
/// oldest waiting attempt is dropped, recorded in the delivery log (and <c>/__admin/webhooks</c>) and reported.
/// </summary>
public sealed class WebhookLimits
{
    /// <summary>At most <paramref name="concurrency"/> attempts in flight, <paramref name="concurrencyPerReceiver"/> of them to one receiver, and <paramref name="backlog"/> waiting.</summary>
    public WebhookLimits(int concurrency, int concurrencyPerReceiver, int backlog)
    {
        Concurrency = concurrency;
        ConcurrencyPerReceiver = concurrencyPerReceiver;
        Backlog = backlog;
    }

    /// <summary>Attempts in flight at once, to all receivers together (each holds a connection).</summary>
    public int Concurrency { get; }

    /// <summary>Attempts in flight at once to one receiver (scheme, host and port); above <see cref="Concurrency"/>, the global cap is the one that holds.</summary>
    public int ConcurrencyPerReceiver { get; }

    /// <summary>Attempts that may wait for a slot; past it the oldest is dropped.</summary>
    public int Backlog { get; }

    /// <summary>The defaults: 64 attempts in flight, 8 to one receiver, 10,000 waiting.</summary>
    public static WebhookLimits Default { get; } = new(64, 8, 10_000);

    /// <summary>Throws when a value is below 1. A receiver's cap above the global one is the global one.</summary>
    public WebhookLimits Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConcurrencyPerReceiver, 1, nameof(ConcurrencyPerReceiver));
        ArgumentOutOfRangeException.ThrowIfLessThan(Backlog, 1, nameof(Backlog));
        return this;
    }
}
