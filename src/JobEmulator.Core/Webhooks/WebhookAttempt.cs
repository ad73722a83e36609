namespace JobEmulator.Core.Webhooks;

/// <summary>One delivery attempt of one event to one URL, as the delivery log keeps it.</summary>
/// <param name="Time">When it was made, on the emulator's clock (the first at the transition's instant).</param>
/// <param name="Url">Where it went.</param>
/// <param name="EventId">The event's id (the same on every attempt and every endpoint).</param>
/// <param name="EventType">The event's type (<c>document.processing.completed</c>).</param>
/// <param name="Dialect">The dialect of the job.</param>
/// <param name="JobId">The job it is about.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, ….</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">Why it did not answer, when it did not.</param>
/// <param name="Delivered">True for a 2xx answer.</param>
/// <param name="NextAttemptAt">When it will be retried; null when delivered or out of retries.</param>
public sealed record WebhookAttempt(
    DateTimeOffset Time,
    Uri Url,
    string EventId,
    string EventType,
    string Dialect,
    string JobId,
    int Attempt,
    int? StatusCode,
    string? Error,
    bool Delivered,
    DateTimeOffset? NextAttemptAt);
