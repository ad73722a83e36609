using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>The head of a status endpoint's answer; the body has been written to the caller's buffer.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header's whole seconds, when one is sent.</param>
/// <param name="JobId">The job id the request named, if any (for logs and the journal).</param>
/// <param name="Outcome">A short word for logs: the status word, or what went wrong.</param>
/// <param name="Credential">The credential the request carried, as the dialect reads it (for the journal).</param>
/// <param name="Status">The job's canonical status when the answer is a 200 status body.</param>
public readonly record struct OperationResponse(int StatusCode, int? RetryAfterSeconds, string? JobId, string Outcome, string? Credential = null, JobStatus? Status = null)
{
    /// <summary>Headers of the dialect's own that go with the answer (Aitronos' <c>x-request-id</c>, <c>x-ratelimit-*</c>); null for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>The job's progress (0–100) a status answer showed, for tools that replay a scenario.</summary>
    public int? Progress { get; init; }

    /// <summary>How long the host waits, on the emulator's clock (<see cref="Scheduling.EmulatorScheduler.DelayAsync"/>), before it sends the answer: the scripted latency; null for none.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The connection failure the host must produce instead of sending the body normally (<c>network:</c> faults); null for a normal answer.</summary>
    public Scenarios.NetworkFault? Network { get; init; }

    /// <summary>What the scenario's rate limit decided for this request, when it has one.</summary>
    internal RateDecision? RateLimit { get; init; }
}
