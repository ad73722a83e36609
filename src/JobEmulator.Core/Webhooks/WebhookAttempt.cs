namespace JobEmulator.Core.Webhooks;

/// <summary>One delivery attempt of one event to one URL, as the delivery log keeps it.</summary>
public sealed class WebhookAttempt
{
    /// <summary>An attempt as the delivery log records it; each value is described by its property.</summary>
    internal WebhookAttempt(DateTimeOffset time, Uri url, string eventId, string eventType, string dialect, string jobId, int attempt, int? statusCode, string? error, bool delivered, DateTimeOffset? nextAttemptAt)
    {
        Time = time;
        Url = url;
        EventId = eventId;
        EventType = eventType;
        Dialect = dialect;
        JobId = jobId;
        Attempt = attempt;
        StatusCode = statusCode;
        Error = error;
        Delivered = delivered;
        NextAttemptAt = nextAttemptAt;
    }

    /// <summary>When it was made, on the emulator's clock (the first at the transition's instant).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Where it went.</summary>
    public Uri Url { get; }

    /// <summary>The event's id (the same on every attempt and every endpoint).</summary>
    public string EventId { get; }

    /// <summary>The event's type (<c>document.processing.completed</c>).</summary>
    public string EventType { get; }

    /// <summary>The dialect of the job.</summary>
    public string Dialect { get; }

    /// <summary>The job it is about.</summary>
    public string JobId { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, ….</summary>
    public int Attempt { get; }

    /// <summary>The receiver's HTTP status, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>Why it did not answer, when it did not.</summary>
    public string? Error { get; }

    /// <summary>True for a 2xx answer.</summary>
    public bool Delivered { get; }

    /// <summary>When it will be retried; null when delivered or out of retries.</summary>
    public DateTimeOffset? NextAttemptAt { get; }
}
