namespace JobEmulator.Core.Webhooks;

/// <summary>
/// How much webhook work the emulator takes on at once: attempts in flight, globally and per receiver, and how many
/// attempts may wait for a slot. Delivery is at least once while the backlog holds; past <see cref="Backlog"/>, the
/// oldest waiting attempt is dropped, recorded in the delivery log (and <c>/__admin/webhooks</c>) and reported.
/// </summary>
/// <param name="Concurrency">Attempts in flight at once, to all receivers together (each holds a connection).</param>
/// <param name="ConcurrencyPerReceiver">Attempts in flight at once to one receiver (scheme, host and port); above <paramref name="Concurrency"/>, the global cap is the one that holds.</param>
/// <param name="Backlog">Attempts that may wait for a slot; past it the oldest is dropped.</param>
public sealed record WebhookLimits(int Concurrency, int ConcurrencyPerReceiver, int Backlog)
{
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
