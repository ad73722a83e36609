using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>What the loaded scenarios declare, as one immutable snapshot: replaced whole by a load or reset, never edited.</summary>
internal sealed class EngineCatalog
{
    private readonly Dictionary<string, DialectAuth> _auth;

    private EngineCatalog(ScenarioSet scenarios, Dictionary<string, DialectAuth> auth)
    {
        Scenarios = scenarios;
        _auth = auth;
    }

    public ScenarioSet Scenarios { get; }

    public static EngineCatalog Create(DialectCatalog dialects, ScenarioSet scenarios)
    {
        var auth = new Dictionary<string, DialectAuth>(StringComparer.OrdinalIgnoreCase);
        foreach (var dialect in dialects.All)
        {
            auth[dialect.Name] = new DialectAuth();
        }

        foreach (var scenario in scenarios.Scenarios)
        {
            auth[scenario.Dialect.Name].Add(scenario);
        }

        return new EngineCatalog(scenarios, auth);
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
