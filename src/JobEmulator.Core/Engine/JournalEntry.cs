using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>One request the emulator answered, as the request journal keeps it.</summary>
public sealed class JournalEntry
{
    /// <summary>An entry as the journal records it; each value is described by its property.</summary>
    public JournalEntry(long sequence, DateTimeOffset time, string method, string path, string query, string? dialect, string? jobId, string? credential, int statusCode, TimeSpan? retryAfter, JobStatus? status, string outcome)
    {
        Sequence = sequence;
        Time = time;
        Method = method;
        Path = path;
        Query = query;
        Dialect = dialect;
        JobId = jobId;
        Credential = credential;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Status = status;
        Outcome = outcome;
    }

    /// <summary>1-based order of arrival since the emulator started (keeps counting across clears).</summary>
    public long Sequence { get; }

    /// <summary>When it was answered, on the emulator's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path, without the query string.</summary>
    public string Path { get; }

    /// <summary>The raw query string with its leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>The dialect whose route matched, or null for a path no dialect serves.</summary>
    public string? Dialect { get; }

    /// <summary>The job id the request named, or null.</summary>
    public string? JobId { get; }

    /// <summary>The API key or token the request carried (as the dialect reads it), or null.</summary>
    public string? Credential { get; }

    /// <summary>The HTTP status answered.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> sent, or null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>For a 200 status answer: the job's canonical status; otherwise null.</summary>
    public JobStatus? Status { get; }

    /// <summary>The short outcome word the log line shows (a status word, <c>scripted-fault</c>, <c>not-found</c>, …).</summary>
    public string Outcome { get; }

    /// <summary>The kind of operation the route served (status poll, submission, …), or null for a path no dialect serves.</summary>
    public OperationKind? Operation { get; internal init; }

    /// <summary>True when this answer showed the job completed or failed.</summary>
    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed;
}
