using System.Collections.Concurrent;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The emulator's state: every loaded job, per dialect, on one injected clock, and the request journal.
/// Reads are lock-free: each lookup reads the current immutable snapshot of the loaded scenarios, and
/// each job guards only itself. Loading and resetting build a new snapshot and swap it in (a request
/// answered while a reset happens may see either side of it).
/// </summary>
public sealed class JobEmulatorEngine
{
    private readonly Lock _writeGate = new();
    private readonly ScenarioSet _initial;
    private State _state;

    /// <summary>Creates the engine with the jobs of <paramref name="scenarios"/>, created now on <paramref name="time"/>.</summary>
    /// <param name="scenarios">The scenarios loaded at start; <see cref="Reset"/> returns to exactly these.</param>
    /// <param name="time">The clock every lifecycle reads.</param>
    /// <param name="dialects">The dialects served (default: all built-in).</param>
    /// <param name="journal">Where answered requests are recorded (default: the last <see cref="RequestJournal.DefaultCapacity"/>).</param>
    public JobEmulatorEngine(ScenarioSet scenarios, TimeProvider time, DialectCatalog? dialects = null, RequestJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        Dialects = dialects ?? DialectCatalog.Default;
        Journal = journal ?? new RequestJournal();
        foreach (var scenario in scenarios.Scenarios)
        {
            EnsureServed(scenario, nameof(scenarios));
        }

        _initial = scenarios;
        _state = State.Create(Dialects, scenarios, null, time.GetUtcNow());
    }

    /// <summary>The clock every lifecycle reads.</summary>
    public TimeProvider Time { get; }

    /// <summary>The dialects served.</summary>
    public DialectCatalog Dialects { get; }

    /// <summary>The requests answered, most recent last.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The scenarios loaded now: those given at start plus any <see cref="Load"/>ed since the last reset.</summary>
    public ScenarioSet Scenarios => Volatile.Read(ref _state).Scenarios;

    /// <summary>How many jobs exist across all dialects.</summary>
    public int JobCount
    {
        get
        {
            var count = 0;
            foreach (var jobs in Volatile.Read(ref _state).Dialects.Values)
            {
                count += jobs.Jobs.Count;
            }

            return count;
        }
    }

    /// <summary>The job <paramref name="id"/> of <paramref name="dialect"/>, or null.</summary>
    public JobRuntime? FindJob(Dialect dialect, string id)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return Volatile.Read(ref _state).Dialects.TryGetValue(dialect.Name, out var jobs) ? jobs.Jobs.GetValueOrDefault(id) : null;
    }

    /// <summary>True when some loaded scenario of <paramref name="dialect"/> accepts <paramref name="credential"/>.</summary>
    public bool IsKnownCredential(Dialect dialect, string credential)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(credential);
        return !Volatile.Read(ref _state).Dialects.TryGetValue(dialect.Name, out var jobs) || jobs.Accepts(credential);
    }

    /// <summary>
    /// Adds <paramref name="scenario"/>'s jobs, created now on the clock, beside the jobs already running
    /// (whose poll counts and progress are kept).
    /// </summary>
    /// <exception cref="ScenarioValidationException">One of its job ids is already used in its dialect.</exception>
    /// <exception cref="ArgumentException">Its dialect is not served by this engine.</exception>
    public void Load(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        EnsureServed(scenario, nameof(scenario));

        lock (_writeGate)
        {
            var current = _state;
            var scenarios = ScenarioSet.Create([.. current.Scenarios.Scenarios, scenario]);
            Volatile.Write(ref _state, State.Create(Dialects, scenarios, current, Time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Returns to the scenarios given at start, every job new again (created now on the clock, no polls
    /// counted), and empties the journal. Scenarios loaded since are dropped.
    /// </summary>
    public void Reset()
    {
        lock (_writeGate)
        {
            Volatile.Write(ref _state, State.Create(Dialects, _initial, null, Time.GetUtcNow()));
            Journal.Clear();
        }
    }

    private void EnsureServed(Scenario scenario, string parameter)
    {
        if (Dialects.Find(scenario.Dialect.Name) is null)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) speaks dialect '{scenario.Dialect.Name}', which this engine does not serve.", parameter);
        }
    }

    // One consistent view of what is loaded. Replaced whole, never edited once published; the job
    // dictionaries stay concurrent so that jobs created at run time can join them later.
    private sealed class State
    {
        private State(ScenarioSet scenarios, Dictionary<string, DialectJobs> dialects)
        {
            Scenarios = scenarios;
            Dialects = dialects;
        }

        public ScenarioSet Scenarios { get; }

        public Dictionary<string, DialectJobs> Dialects { get; }

        // Jobs of scenarios already running in 'previous' keep their runtime; new ones start at 'now'.
        public static State Create(DialectCatalog catalog, ScenarioSet scenarios, State? previous, DateTimeOffset now)
        {
            var dialects = new Dictionary<string, DialectJobs>(StringComparer.OrdinalIgnoreCase);
            foreach (var dialect in catalog.All)
            {
                dialects[dialect.Name] = new DialectJobs();
            }

            foreach (var scenario in scenarios.Scenarios)
            {
                var jobs = dialects[scenario.Dialect.Name];
                jobs.AddScenario(scenario);
                var before = previous?.Dialects[scenario.Dialect.Name].Jobs;
                foreach (var script in scenario.Jobs)
                {
                    jobs.Jobs[script.Id] = before is not null && before.TryGetValue(script.Id, out var running) && running.Script == script
                        ? running
                        : new JobRuntime(script, scenario, now);
                }
            }

            return new State(scenarios, dialects);
        }
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
