namespace JobEmulator.Core.Dialects;

/// <summary>What a dialect needs to render an error body.</summary>
/// <param name="Kind">Which error.</param>
/// <param name="StatusCode">The HTTP status being answered.</param>
/// <param name="JobId">The job id the request named, if any.</param>
/// <param name="RetryAfterSeconds">For 429/503: the whole seconds sent in <c>Retry-After</c>.</param>
/// <param name="Now">The emulator clock's time.</param>
/// <param name="TraceId">A request trace id for dialects whose envelope carries one.</param>
internal readonly record struct ErrorView(ErrorKind Kind, int StatusCode, string? JobId, int? RetryAfterSeconds, DateTimeOffset Now, string TraceId)
{
    /// <summary>A specific message for a refused request (which field is missing), or null for the kind's usual message.</summary>
    public string? Detail { get; init; }
}
