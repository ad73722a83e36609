namespace JobEmulator.Core.Scenarios;

/// <summary>
/// Which credentials a scenario's jobs accept: any non-empty one (no <c>auth</c>), or only the declared
/// <c>keys</c> and the tokens issued to its declared <c>apps</c>.
/// </summary>
public sealed class ScenarioAuth
{
    /// <summary>Accept any non-empty credential (the default when a scenario has no <c>auth</c>).</summary>
    internal static ScenarioAuth AnyKey { get; } = new(null);

    /// <summary>Creates the rule; <paramref name="keys"/> null (and no apps) accepts any non-empty credential.</summary>
    internal ScenarioAuth(IReadOnlySet<string>? keys, IReadOnlyList<AppCredential>? apps = null, IReadOnlyDictionary<string, KeyExpiry>? expiries = null, bool tenants = false)
    {
        Apps = apps ?? [];
        Keys = keys ?? (Apps.Count > 0 ? new HashSet<string>(StringComparer.Ordinal) : null);
        Expiries = expiries ?? new Dictionary<string, KeyExpiry>();
        Tenants = tenants;
    }

    /// <summary>Keys that stop working: after a while from the scenario's load, or at an instant.</summary>
    internal IReadOnlyDictionary<string, KeyExpiry> Expiries { get; }

    /// <summary>True when every key is its own tenant: a job submitted with one key answers 403 to the others (<c>auth.tenants</c>).</summary>
    internal bool Tenants { get; }

    /// <summary>When <paramref name="key"/> stops working, for a scenario loaded at <paramref name="loadedAt"/>; null: never.</summary>
    internal DateTimeOffset? ExpiresAt(string key, DateTimeOffset loadedAt) =>
        Expiries.Count > 0 && Expiries.TryGetValue(key, out var expiry) ? expiry.At ?? loadedAt + expiry.After : null;

    /// <summary>The accepted keys or tokens; null accepts any non-empty credential.</summary>
    public IReadOnlySet<string>? Keys { get; }

    /// <summary>The applications that may exchange their credentials for tokens that open this scenario's jobs.</summary>
    internal IReadOnlyList<AppCredential> Apps { get; }

    /// <summary>The app ids whose tokens open the jobs (OAuth-style dialects), in the file's order.</summary>
    public IReadOnlyList<string> AppIds => [.. Apps.Select(app => app.AppId)];

    /// <summary>True when the scenario declares no <c>auth</c>: any credential opens it.</summary>
    public bool IsOpen => Keys is null;

    /// <summary>True when <paramref name="credential"/> (a declared key, or any when open) opens this scenario's jobs; issued tokens are the engine's to check.</summary>
    internal bool Accepts(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Keys is null || Keys.Contains(credential);
    }

    /// <summary>True when <paramref name="appId"/> and <paramref name="appSecret"/> are one of <see cref="Apps"/>.</summary>
    internal bool HasApp(string appId, string appSecret)
    {
        foreach (var app in Apps)
        {
            if (string.Equals(app.AppId, appId, StringComparison.Ordinal) && string.Equals(app.AppSecret, appSecret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
