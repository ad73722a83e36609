namespace JobEmulator.Core.Scenarios;

/// <summary>When a declared key stops working: <see cref="After"/> its scenario is loaded, or at <see cref="At"/>.</summary>
/// <param name="After">How long after the scenario's load (<c>expires_after: 1h</c>).</param>
/// <param name="At">The instant on the emulator's clock (<c>expires_at: 2025-01-01T01:00:00Z</c>); wins over <paramref name="After"/>.</param>
internal sealed record KeyExpiry(TimeSpan? After, DateTimeOffset? At);
