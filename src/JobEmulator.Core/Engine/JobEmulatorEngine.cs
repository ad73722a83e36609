using System.Collections.Concurrent;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The emulator's state: every loaded job, per dialect, on one injected clock. Lookups are lock-free;
/// each job guards only itself.
/// </summary>
public sealed class JobEmulatorEngine
{
    private readonly Dictionary<string, DialectJobs> _dialects = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the engine with the jobs of <paramref name="scenarios"/>, created now on <paramref name="time"/>.</summary>
    public JobEmulatorEngine(ScenarioSet scenarios, TimeProvider time, DialectCatalog? dialects = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        Dialects = dialects ?? DialectCatalog.Default;
        Scenarios = scenarios;
        foreach (var dialect in Dialects.All)
        {
            _dialects[dialect.Name] = new DialectJobs();
        }

        var now = time.GetUtcNow();
        foreach (var scenario in scenarios.Scenarios)
        {
            if (!_dialects.TryGetValue(scenario.Dialect.Name, out var jobs))
            {
                throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) speaks dialect '{scenario.Dialect.Name}', which this engine does not serve.", nameof(scenarios));
            }

            jobs.AddScenario(scenario);
            foreach (var script in scenario.Jobs)
            {
                jobs.Jobs[script.Id] = new JobRuntime(script, scenario, now);
            }
        }
    }

    /// <summary>The clock every lifecycle reads.</summary>
    public TimeProvider Time { get; }

    /// <summary>The dialects served.</summary>
    public DialectCatalog Dialects { get; }

    /// <summary>The scenarios loaded.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>How many jobs exist across all dialects.</summary>
    public int JobCount => _dialects.Values.Sum(d => d.Jobs.Count);

    /// <summary>The job <paramref name="id"/> of <paramref name="dialect"/>, or null.</summary>
    public JobRuntime? FindJob(Dialect dialect, string id)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return _dialects.TryGetValue(dialect.Name, out var jobs) ? jobs.Jobs.GetValueOrDefault(id) : null;
    }

    /// <summary>True when some loaded scenario of <paramref name="dialect"/> accepts <paramref name="credential"/>.</summary>
    public bool IsKnownCredential(Dialect dialect, string credential)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(credential);
        return !_dialects.TryGetValue(dialect.Name, out var jobs) || jobs.Accepts(credential);
    }

    private sealed class DialectJobs
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private bool _anyKey;
        private bool _hasScenario;

        public ConcurrentDictionary<string, JobRuntime> Jobs { get; } = new(StringComparer.Ordinal);

        public void AddScenario(Scenario scenario)
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

        // With no scenario for the dialect, any credential is accepted and every id answers 404.
        public bool Accepts(string credential) => !_hasScenario || _anyKey || _keys.Contains(credential);
    }
}
