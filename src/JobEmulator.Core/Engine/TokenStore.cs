using System.Collections.Concurrent;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// Access tokens the emulator issued (Symbl's <c>/oauth2/token:generate</c>): each opens its scenario's jobs
/// until it expires on the emulator's clock. Part of the run-time stores (kept by a load, dropped by a
/// reset); bounded, dropping expired tokens, then the oldest, when full.
/// </summary>
internal sealed class TokenStore
{
    /// <summary>How many tokens are kept at most.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string token, Scenario scenario, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            if (_tokens.Count >= Capacity)
            {
                var oldest = _tokens.OrderBy(t => t.Value.ExpiresAt <= issuedAt ? DateTimeOffset.MinValue : t.Value.IssuedAt).Take(Capacity / 10).Select(t => t.Key).ToList();
                oldest.ForEach(key => _tokens.TryRemove(key, out _));
            }

            _tokens[token] = new IssuedToken(scenario, issuedAt, expiresAt);
        }
    }

    /// <summary>The scenario a token still valid at <paramref name="now"/> was issued for, or null.</summary>
    public Scenario? ScenarioOf(string token, DateTimeOffset now) =>
        !_tokens.IsEmpty && _tokens.TryGetValue(token, out var issued) && now < issued.ExpiresAt ? issued.Scenario : null;

    private sealed record IssuedToken(Scenario Scenario, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
}
