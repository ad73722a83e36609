using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// What a defined dialect's body is written about: the job, the request, the error, a page of jobs, an event. One
/// per thread, rented for one body and cleared after, so writing a body allocates no context. Which parts a body may
/// read is fixed when the file loads (<see cref="BodyScopes"/>); the rest is left unset.
/// </summary>
internal sealed class BodyContext
{
    [ThreadStatic]
    private static BodyContext? t_spare;

    public Dialect Dialect { get; private set; } = null!;

    public JobView Job;

    public IEmulatorRequest? Request;

    /// <summary>The submitter's callback metadata, in a webhook event's job (<c>job.metadata</c>); null in a poll's.</summary>
    public string? Metadata;

    public ErrorView Error;

    public IReadOnlyList<JobView>? Jobs;

    public int Offset;

    public int Count;

    public int Total;

    public string? BatchId;

    public DateTimeOffset Now;

    public FakeData? Faker;

    public WebhookEvent Event;

    public WebhookEndpoint? Endpoint;

    public IReadOnlyList<WebhookEndpoint>? Endpoints;

    public bool WithSecret;

    public string? Token;

    public TimeSpan TokenLifetime;

    public ResponseFacts Facts;

    /// <summary>Takes this thread's spare context (or a new one when a body is being written inside another).</summary>
    public static BodyContext Rent(Dialect dialect)
    {
        var context = t_spare ?? new BodyContext();
        t_spare = null;
        context.Dialect = dialect;
        return context;
    }

    /// <summary>Clears what the body read and keeps the context for this thread's next body.</summary>
    public void Return()
    {
        Job = default;
        Request = null;
        Metadata = null;
        Error = default;
        Jobs = null;
        BatchId = null;
        Faker = null;
        Event = default;
        Endpoint = null;
        Endpoints = null;
        WithSecret = false;
        Token = null;
        Facts = default;
        t_spare = this;
    }

    /// <summary>The canonical status names (<c>queued</c> … <c>failed</c>), as <c>job.status</c> reads them.</summary>
    public static readonly string[] StatusNames = [.. Enum.GetValues<JobStatus>().Select(s => s.ToString().ToLowerInvariant())];
}
