namespace JobEmulator.Core.Dialects;

/// <summary>The errors a status endpoint can answer; each dialect renders them in its own envelope.</summary>
internal enum ErrorKind
{
    /// <summary>401: no credential was sent.</summary>
    MissingCredentials,

    /// <summary>401: a credential was sent but no loaded scenario accepts it.</summary>
    InvalidCredentials,

    /// <summary>401: the key was valid but has expired (<c>expires_after</c>, <c>expires_at</c>).</summary>
    ExpiredCredentials,

    /// <summary>403: the credential may not see this job (scripted with <c>respond: 403</c>).</summary>
    Forbidden,

    /// <summary>404: no job with that id (or it outlived its retention).</summary>
    JobNotFound,

    /// <summary>400: the request named no job id.</summary>
    MissingJobId,

    /// <summary>400 or another 4xx scripted by a fault.</summary>
    BadRequest,

    /// <summary>429: too many requests.</summary>
    RateLimited,

    /// <summary>500 or another 5xx scripted by a fault.</summary>
    ServerError,

    /// <summary>503: service unavailable.</summary>
    ServiceUnavailable,

    /// <summary>400: a submission or registration is missing a field or carries a value the vendor refuses (<see cref="ErrorView.Detail"/> says which).</summary>
    ValidationFailed,

    /// <summary>413: the upload is larger than the vendor accepts.</summary>
    PayloadTooLarge,

    /// <summary>429: the emulator holds as many live jobs as it may (<c>MaxJobsPerDialect</c>) and none can be evicted.</summary>
    TooManyJobs,

    /// <summary>404: no such webhook endpoint.</summary>
    WebhookNotFound,

    /// <summary>429: the key has as many unfinished jobs as the scenario allows (<c>limits.concurrent_jobs</c>; <see cref="ErrorView.Detail"/> is the limit).</summary>
    ConcurrentJobLimit,

    /// <summary>409: conflict (scripted with <c>respond: 409</c>).</summary>
    Conflict,

    /// <summary>502: bad gateway (scripted).</summary>
    BadGateway,

    /// <summary>504: gateway time-out (scripted).</summary>
    GatewayTimeout,

    /// <summary>415: the upload's type is one the vendor does not process (<see cref="ErrorView.Detail"/> says which).</summary>
    UnsupportedMediaType,

    /// <summary>404: the path lies under this dialect's API (<see cref="Dialect.PathPrefixes"/>) but no operation has it (<see cref="ErrorView.Detail"/> says what was asked).</summary>
    RouteNotFound,

    /// <summary>A read (<see cref="Operations.OperationKind.Read"/>) names a value no job has (Symbl: an unknown conversationId).</summary>
    ResourceNotFound,

    /// <summary>A read names jobs none of which has completed yet: what it asks for does not exist yet.</summary>
    ResourceNotReady,
}
