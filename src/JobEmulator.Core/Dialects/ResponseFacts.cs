namespace JobEmulator.Core.Dialects;

/// <summary>What a dialect may put in the headers every response of it carries (Aitronos' <c>x-request-id</c> and <c>x-ratelimit-*</c>).</summary>
/// <param name="RequestId">An id unique to this request.</param>
/// <param name="RequestsThisWindow">How many requests the credential made in the current rate-limit window, this one included.</param>
/// <param name="UntilWindowEnds">How long until the window ends, on the emulator's clock.</param>
/// <param name="RateLimit">The scenario's rate limit's decision for this request, when the scenario has one (<c>rate_limit:</c>).</param>
internal readonly record struct ResponseFacts(string RequestId, int RequestsThisWindow, TimeSpan UntilWindowEnds, Limits.RateDecision? RateLimit = null);
