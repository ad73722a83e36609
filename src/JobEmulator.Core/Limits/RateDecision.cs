namespace JobEmulator.Core.Limits;

/// <summary>What a rate limit decided for one request.</summary>
/// <param name="Allowed">True when the request may go ahead (it was counted).</param>
/// <param name="Limit">How many requests a window allows.</param>
/// <param name="Remaining">How many more the window allows now.</param>
/// <param name="ResetIn">How long until the oldest counted request leaves the window (a slot frees).</param>
internal readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetIn)
{
    /// <summary>The whole seconds of <c>Retry-After</c> for a refusal: until a slot frees, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(ResetIn.TotalSeconds));
}
