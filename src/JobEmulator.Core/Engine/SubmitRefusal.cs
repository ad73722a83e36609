namespace JobEmulator.Core.Engine;

/// <summary>Why the engine refused to create a submitted job.</summary>
internal enum SubmitRefusal
{
    /// <summary>No loaded scenario of the dialect accepts the credential.</summary>
    UnknownCredential,

    /// <summary>The key was valid but has expired.</summary>
    ExpiredCredential,

    /// <summary>The dialect holds <c>MaxJobsPerDialect</c> jobs and every one is still live.</summary>
    Full,

    /// <summary>The scenario's rate limit refuses the request (<see cref="SubmitOutcome.RateLimit"/> says until when).</summary>
    RateLimited,

    /// <summary>The key already has the scenario's <c>limits.concurrent_jobs</c> submitted jobs unfinished.</summary>
    ConcurrentJobs,

    /// <summary>A scripted fault (<c>on: { submission: N }</c>) answers this submission.</summary>
    Fault,

    /// <summary>The id the client asked for is already a live job's, or cannot travel in a URL.</summary>
    IdUnavailable,
}
