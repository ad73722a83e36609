using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>What the loaded scenarios declare, as one immutable snapshot: replaced whole by a load or reset, never edited.</summary>
internal sealed class EngineCatalog
{
    private readonly Dictionary<string, DialectAuth> _auth;
    private readonly Dictionary<Scenario, DateTimeOffset> _loadedAt;

    private EngineCatalog(ScenarioSet scenarios, Dictionary<string, DialectAuth> auth, Dictionary<Scenario, DateTimeOffset> loadedAt)
    {
        Scenarios = scenarios;
        _auth = auth;
        _loadedAt = loadedAt;
    }

    public ScenarioSet Scenarios { get; }

    /// <summary>When <paramref name="scenario"/> was loaded (what <c>expires_after</c> counts from); its reset, for scenarios given at start.</summary>
    public DateTimeOffset LoadedAt(Scenario scenario) => _loadedAt.GetValueOrDefault(scenario);

    /// <summary>The catalog of <paramref name="scenarios"/>; those already in <paramref name="previous"/> keep their load instant, the others were loaded at <paramref name="now"/>.</summary>
    public static EngineCatalog Create(DialectCatalog dialects, ScenarioSet scenarios, DateTimeOffset now, EngineCatalog? previous = null)
    {
        var loadedAt = new Dictionary<Scenario, DateTimeOffset>();
        foreach (var scenario in scenarios.Scenarios)
        {
            loadedAt[scenario] = previous is not null && previous._loadedAt.TryGetValue(scenario, out var at) ? at : now;
        }

        var auth = new Dictionary<string, DialectAuth>(StringComparer.OrdinalIgnoreCase);
        foreach (var dialect in dialects.All)
        {
            auth[dialect.Name] = new DialectAuth();
        }

        foreach (var scenario in scenarios.Scenarios)
        {
            auth[scenario.Dialect.Name].Add(scenario);
        }

        return new EngineCatalog(scenarios, auth, loadedAt);
    }

    // With no scenario for the dialect, any credential is accepted and every id answers 404.
    public bool Accepts(Dialect dialect, string credential) => !_auth.TryGetValue(dialect.Name, out var auth) || auth.Accepts(credential);

    /// <summary>The scenario of <paramref name="dialect"/> a submission with <paramref name="credential"/> belongs to: the first, in load order, whose auth accepts it.</summary>
    public Scenario? ScenarioFor(Dialect dialect, string credential)
    {
        foreach (var scenario in Scenarios.Scenarios)
        {
            if (string.Equals(scenario.Dialect.Name, dialect.Name, StringComparison.OrdinalIgnoreCase) && scenario.Auth.Accepts(credential))
            {
                return scenario;
            }
        }

        return null;
    }

    private sealed class DialectAuth
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private bool _anyKey;
        private bool _hasScenario;

        public void Add(Scenario scenario)
        {
            _hasScenario = true;
            if (scenario.Auth.Keys is null)
            {
                _anyKey = true;
            }
            else
            {
                _keys.UnionWith(scenario.Auth.Keys);
            }
        }

        public bool Accepts(string credential) => !_hasScenario || _anyKey || _keys.Contains(credential);
    }
}
