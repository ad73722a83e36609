namespace JobEmulator.Server;

/// <summary>A loaded scenario, as <c>GET /__admin/scenarios</c> lists it.</summary>
internal sealed record ScenarioInfo(string Name, string Source, string Dialect, int Seed, int Jobs, int SubmittedTemplates, DateTimeOffset LoadedAt);

/// <summary>One error of an invalid scenario.</summary>
internal sealed record ScenarioErrorInfo(string Source, int Line, int Column, string Message);

/// <summary>A refused admin request, with every scenario error when a scenario was invalid.</summary>
internal sealed record AdminError(string Error, IReadOnlyList<ScenarioErrorInfo>? Errors = null);

/// <summary>A job, as <c>GET /__admin/jobs</c> lists it.</summary>
internal sealed record JobInfo(string Dialect, string Id, string Scenario, string Status, string Word, int Step, int Steps, int Requests, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? SubmittedBy);

/// <summary>One step of a job's script.</summary>
internal sealed record StepInfo(string Status, string? Word, int? Polls, string? After);

/// <summary>One transition a job made.</summary>
internal sealed record TransitionInfo(string From, string To, DateTimeOffset At);

/// <summary>A job in detail: <c>GET /__admin/jobs/{dialect}/{id}</c>.</summary>
internal sealed record JobDetail(JobInfo Job, IReadOnlyList<StepInfo> Lifecycle, IReadOnlyList<TransitionInfo> Transitions, IReadOnlyList<RequestInfo> Polls, IReadOnlyList<WebhookAttemptInfo> Webhooks);

/// <summary>The clock: <c>GET /__admin/clock</c>.</summary>
internal sealed record ClockInfo(DateTimeOffset Now, string Mode, double? Scale);

/// <summary>One journal entry: <c>GET /__admin/requests</c>.</summary>
internal sealed record RequestInfo(long Sequence, DateTimeOffset Time, string Method, string Path, string Query, string? Dialect, string? JobId, string? Credential, int StatusCode, double? RetryAfterSeconds, string? Status, string Outcome, string? Operation);

/// <summary>One webhook delivery attempt: <c>GET /__admin/webhooks</c>.</summary>
internal sealed record WebhookAttemptInfo(DateTimeOffset Time, string Url, string EventId, string EventType, string Dialect, string JobId, int Attempt, int? StatusCode, string? Error, bool Delivered, DateTimeOffset? NextAttemptAt);

/// <summary><c>POST /__admin/clock/advance</c>: <c>{"by":"30s"}</c>.</summary>
internal sealed record AdvanceClock(string? By);

/// <summary><c>POST /__admin/clock/set</c>: <c>{"to":"2025-01-01T00:10:00Z"}</c>.</summary>
internal sealed record SetClock(DateTimeOffset? To);

/// <summary><c>POST /__admin/jobs/{dialect}/{id}/advance</c>: to the next step, or <c>{"to":"completed"}</c>.</summary>
internal sealed record AdvanceJob(string? To);

/// <summary>A dialect served, as <c>GET /__admin/dialects</c> lists it.</summary>
internal sealed record DialectInfo(string Name, string Vendor, string Source, bool BuiltIn, int Scenarios, IReadOnlyList<OperationInfo> Operations);

/// <summary>One of a dialect's operations.</summary>
internal sealed record OperationInfo(string Method, string Route, string Kind, string Summary);

/// <summary>What <c>POST</c> or <c>DELETE /__admin/dialects</c> did: the dialect, and the scenarios that spoke the definition it replaced or removed (unloaded with their jobs).</summary>
internal sealed record DialectChange(DialectInfo? Dialect, IReadOnlyList<string> UnloadedScenarios);
