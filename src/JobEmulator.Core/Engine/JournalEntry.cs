using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>One request the emulator answered, as the request journal keeps it.</summary>
/// <param name="Sequence">1-based order of arrival since the emulator started (keeps counting across clears).</param>
/// <param name="Time">When it was answered, on the emulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query string.</param>
/// <param name="Query">The raw query string with its leading <c>?</c>, or empty.</param>
/// <param name="Dialect">The dialect whose route matched, or null for a path no dialect serves.</param>
/// <param name="JobId">The job id the request named, or null.</param>
/// <param name="Credential">The API key or token the request carried (as the dialect reads it), or null.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> sent, or null.</param>
/// <param name="Status">For a 200 status answer: the job's canonical status; otherwise null.</param>
/// <param name="Outcome">The short outcome word the log line shows (a status word, <c>scripted-fault</c>, <c>not-found</c>, …).</param>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    string? Dialect,
    string? JobId,
    string? Credential,
    int StatusCode,
    TimeSpan? RetryAfter,
    JobStatus? Status,
    string Outcome)
{
    /// <summary>The kind of operation the route served (status poll, submission, …), or null for a path no dialect serves.</summary>
    public OperationKind? Operation { get; init; }

    /// <summary>True when this answer showed the job completed or failed.</summary>
    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed;
}
