using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

// Credentials: which scenario a key or token opens, and the tokens the engine issues.
public sealed partial class JobEmulatorEngine
{
    /// <summary>True when some loaded scenario of <paramref name="dialect"/> accepts <paramref name="credential"/>, or it is a token the emulator issued that is still valid.</summary>
    internal bool IsKnownCredential(Dialect dialect, string credential)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(credential);
        return Volatile.Read(ref _catalog).Accepts(dialect, credential)
            || TokenScenario(dialect, credential, Time.GetUtcNow()) is not null;
    }

    /// <summary>True when <paramref name="credential"/> opens <paramref name="scenario"/>'s jobs at <paramref name="now"/>: a declared key (any, without <c>auth</c>), or a token issued for it and not expired.</summary>
    internal bool Opens(Scenario scenario, string credential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(credential);
        return (scenario.Auth.Accepts(credential) && !HasExpired(scenario, credential, now))
            || ReferenceEquals(Volatile.Read(ref _stores).Tokens.ScenarioOf(credential, now), scenario);
    }

    /// <summary>True when <paramref name="credential"/> is one of <paramref name="scenario"/>'s keys and has expired by <paramref name="now"/> (<c>expires_after</c> counts from the scenario's load).</summary>
    internal bool HasExpired(Scenario scenario, string credential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Auth.ExpiresAt(credential, Volatile.Read(ref _catalog).LoadedAt(scenario)) is { } expiry && now >= expiry;
    }

    /// <summary>
    /// Issues an access token for the application <paramref name="appId"/>/<paramref name="appSecret"/> of <paramref name="dialect"/>,
    /// valid for <paramref name="lifetime"/> on the emulator's clock: for the first scenario (in load order) that declares
    /// the app, else the first without <c>auth</c>; null when none would accept it.
    /// </summary>
    internal string? IssueToken(Dialect dialect, string appId, string appSecret, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(appSecret);
        var catalog = Volatile.Read(ref _catalog);
        var mine = catalog.Scenarios.Scenarios.Where(s => SameDialect(s.Dialect, dialect)).ToList();
        var scenario = mine.FirstOrDefault(s => s.Auth.HasApp(appId, appSecret))
            ?? mine.FirstOrDefault(s => s.Auth.IsOpen)
            ?? (mine.Count == 0 ? ImplicitScenario(dialect) : null);
        if (scenario is null)
        {
            return null;
        }

        var stores = Volatile.Read(ref _stores);
        var number = stores.NextToken(scenario);
        var token = dialect.GenerateToken(new FakeData(StableHash.Combine(scenario.Seed, dialect.Name, scenario.Name, "token", number.ToString(System.Globalization.CultureInfo.InvariantCulture))), appId, now, now + lifetime);
        stores.Tokens.Add(token, scenario, now, now + lifetime);
        return token;
    }

    /// <summary>
    /// The scenario what <paramref name="credential"/> creates in <paramref name="dialect"/> belongs to: the first loaded one
    /// whose auth accepts it; with no scenario of the dialect loaded, the dialect's quiet default; null when scenarios of the
    /// dialect are loaded and none accepts it.
    /// </summary>
    internal Scenario? ScenarioFor(Dialect dialect, string credential) => ScenarioFor(Volatile.Read(ref _catalog), dialect, credential);

    private Scenario? ScenarioFor(EngineCatalog catalog, Dialect dialect, string credential) =>
        TokenScenario(dialect, credential, Time.GetUtcNow())
        ?? catalog.ScenarioFor(dialect, credential)
        ?? (catalog.Scenarios.Scenarios.Any(s => s.Dialect.Name.Equals(dialect.Name, StringComparison.OrdinalIgnoreCase)) ? null : ImplicitScenario(dialect));

    // A token opens only the dialect it was issued in.
    private Scenario? TokenScenario(Dialect dialect, string credential, DateTimeOffset now) =>
        Volatile.Read(ref _stores).Tokens.ScenarioOf(credential, now) is { } issued && SameDialect(issued.Dialect, dialect) ? issued : null;

    private static bool SameDialect(Dialect a, Dialect b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
}
