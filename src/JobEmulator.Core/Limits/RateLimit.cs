namespace JobEmulator.Core.Limits;

/// <summary>A scenario's rate limit (<c>rate_limit: { requests: 5, per: 10s, key: api_key }</c>): at most <see cref="Requests"/> in any <see cref="Per"/>, on the emulator's clock.</summary>
/// <param name="Requests">How many requests a window allows.</param>
/// <param name="Per">The window's length (sliding).</param>
/// <param name="Global">True: one budget for every key (<c>key: global</c>); false: one per API key (the default).</param>
internal sealed record RateLimit(int Requests, TimeSpan Per, bool Global);
