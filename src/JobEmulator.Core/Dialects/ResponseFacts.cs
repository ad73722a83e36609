namespace JobEmulator.Core.Dialects;

/// <summary>What a dialect may put in the headers every response of it carries (Aitronos' <c>x-request-id</c> and <c>x-ratelimit-*</c>).</summary>
/// <param name="RequestId">An id unique to this request.</param>
/// <param name="RequestsThisWindow">How many requests the credential made in the current rate-limit window, this one included.</param>
/// <param name="UntilWindowEnds">How long until the window ends, on the emulator's clock.</param>
public readonly record struct ResponseFacts(string RequestId, int RequestsThisWindow, TimeSpan UntilWindowEnds);
