using System.Globalization;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Limits;

namespace JobEmulator.Core.Engine;

/// <summary>The head of a status endpoint's answer; the body has been written to the caller's buffer.</summary>
public readonly struct OperationResponse
{
    /// <summary>An answer's head; each value is described by its property.</summary>
    internal OperationResponse(int statusCode, int? retryAfterSeconds, string? jobId, string outcome, string? credential = null, JobStatus? status = null)
    {
        StatusCode = statusCode;
        RetryAfterSeconds = retryAfterSeconds;
        JobId = jobId;
        Outcome = outcome;
        Credential = credential;
        Status = status;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> header's whole seconds, when one is sent.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>The job id the request named, if any (for logs and the journal).</summary>
    public string? JobId { get; }

    /// <summary>A short word for logs: the status word, or what went wrong.</summary>
    public string Outcome { get; }

    /// <summary>The credential the request carried, as the dialect reads it (for the journal).</summary>
    public string? Credential { get; }

    /// <summary>The job's canonical status when the answer is a 200 status body.</summary>
    public JobStatus? Status { get; }

    /// <summary>Headers of the dialect's own that go with the answer (Aitronos' <c>x-request-id</c>, <c>x-ratelimit-*</c>); null for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; internal init; }

    /// <summary>The job's progress (0–100) a status answer showed, for tools that replay a scenario.</summary>
    public int? Progress { get; internal init; }

    /// <summary>How long the host waits, on the emulator's clock (<see cref="Scheduling.EmulatorScheduler.DelayAsync"/>), before it sends the answer: the scripted latency; null for none.</summary>
    public TimeSpan? Delay { get; internal init; }

    /// <summary>The connection failure the host must produce instead of sending the body normally (<c>network:</c> faults); null for a normal answer.</summary>
    public Scenarios.NetworkFault? Network { get; internal init; }

    /// <summary>The content type of every answer's body: the vendors' JSON.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Hands <paramref name="set"/> each header of the answer besides its content type, as every host sends them:
    /// <c>Retry-After</c> (whole seconds) when one is sent, then the dialect's own (<see cref="Headers"/>).
    /// </summary>
    public void WriteHeaders<TState>(TState state, Action<TState, string, string> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (RetryAfterSeconds is { } retryAfter)
        {
            set(state, "Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in Headers ?? [])
        {
            set(state, name, value);
        }
    }

    /// <summary>What the scenario's rate limit decided for this request, when it has one.</summary>
    internal RateDecision? RateLimit { get; init; }
}
