

namespace JobEmulator.Core.Dialects;

/// <summary>How a scenario's webhooks are delivered: each attempt's time-out, and when to retry a failed one.</summary>
/// <param name="Timeout">How long one attempt may take before it counts as failed.</param>
/// <param name="Retry">The waits before each retry, after the first attempt fails; its length is how many retries there are.</param>
internal sealed record WebhookPolicy(TimeSpan Timeout, IReadOnlyList<TimeSpan> Retry)
{
    /// <summary>True: a 4xx answer is final, not retried (AssemblyAI's rule); false (the default): any failure is retried.</summary>
    public bool StopOn4xx { get; init; }

    /// <summary>
    /// Where every event of the scenario's jobs also goes (<c>webhooks.url</c>), as a vendor whose endpoint is set in its
    /// dashboard sends them (OpenAI); null: only where each job or a registration says.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>The secret events to <see cref="Url"/> are signed with (<c>webhooks.secret</c>); null: unsigned.</summary>
    public string? Secret { get; init; }

    /// <summary>
    /// The HTTP method events are sent with: POST, or the vendor's own (<c>webhooks.delivery.method</c>: PUT, PATCH). A
    /// submission may choose its job's own (a field whose role is <c>webhook_method</c>, as Deepgram's <c>callback_method</c>).
    /// </summary>
    public string Method { get; init; } = "POST";

    /// <summary>The default: 5 s per attempt, retried after 10 s, 1 min and 5 min (four attempts in all).</summary>
    public static WebhookPolicy Default { get; } = new(TimeSpan.FromSeconds(5), [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)]);
}
