namespace JobEmulator.Core.Engine;

/// <summary>Limits and settings of a <see cref="JobEmulatorEngine"/>.</summary>
public sealed class JobEmulatorEngineOptions
{
    /// <summary>The default <see cref="MaxJobsPerDialect"/>: 100,000.</summary>
    public const int DefaultMaxJobsPerDialect = 100_000;

    /// <summary>
    /// How many jobs one dialect keeps at most, declared and submitted together. A submission past it first
    /// evicts jobs past their retention, then the oldest finished ones; when every job left is live, the
    /// submission is refused with the vendor's own rate-limit error.
    /// </summary>
    public int MaxJobsPerDialect { get; set; } = DefaultMaxJobsPerDialect;

    /// <summary>How many webhook attempts run at once and how many may wait (<see cref="Webhooks.WebhookLimits.Default"/>: 64, 8 per receiver, 10,000).</summary>
    public Webhooks.WebhookLimits WebhookLimits { get; set; } = Webhooks.WebhookLimits.Default;

    /// <summary>
    /// Where the engine reports, in a sentence, what it chose not to do: a webhook attempt dropped from the full
    /// backlog. Null: nowhere (it is still in the delivery log). <c>serve</c> writes these as warnings.
    /// </summary>
    public Action<string>? Warnings { get; set; }

    /// <summary>Where webhooks are sent; null: over HTTP (<see cref="Webhooks.HttpWebhookTransport"/>, owned and disposed by the engine).</summary>
    public Webhooks.IWebhookTransport? WebhookTransport { get; set; }
}
