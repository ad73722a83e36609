using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Engine;

// Loading: scenarios loaded, replaced and unloaded while serving, and the declared jobs they bring.
public sealed partial class JobEmulatorEngine
{
    /// <summary>
    /// Adds <paramref name="scenario"/>'s jobs, created now on the clock, beside the jobs already running
    /// (whose poll counts and progress are kept) and beside every submitted job.
    /// </summary>
    /// <exception cref="ScenarioValidationException">One of its job ids is already used in its dialect.</exception>
    /// <exception cref="ArgumentException">Its dialect is not served by this engine.</exception>
    public void Load(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        EnsureServed(scenario, nameof(scenario));

        lock (_writeGate)
        {
            var current = _catalog;
            var scenarios = ScenarioSet.Create([.. current.Scenarios.Scenarios, scenario]);
            var stores = _stores;
            var taken = scenario.Jobs.Where(job => stores.Jobs(scenario.Dialect)!.Contains(job.Id)).Select(job =>
                new ScenarioError(scenario.Source, job.Position, $"job id '{job.Id}' is already used by a live {scenario.Dialect.Name} job (a submitted one); ids must be unique within a dialect")).ToList();
            if (taken.Count > 0)
            {
                throw new ScenarioValidationException(taken);
            }

            EnsureRoom(stores, scenario);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, scenarios, Time.GetUtcNow(), current));
            AddDeclaredJobs(stores, [scenario], Time.GetUtcNow());
        }
    }

    /// <summary>
    /// Removes the loaded scenario named <paramref name="name"/> and every job of it, declared and submitted; false when
    /// none is loaded by that name. Its scheduled work finds its jobs gone and does nothing.
    /// </summary>
    public bool Unload(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_writeGate)
        {
            var current = _catalog;
            var scenario = current.Scenarios.Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
            if (scenario is null)
            {
                return false;
            }

            var kept = ScenarioSet.Create(current.Scenarios.Scenarios.Where(s => !ReferenceEquals(s, scenario)));
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, kept, Time.GetUtcNow(), current));
            _stores.Jobs(scenario.Dialect)!.RemoveScenarios(s => ReferenceEquals(s, scenario));
            return true;
        }
    }

    /// <summary>
    /// Puts <paramref name="scenario"/> in place of the loaded scenario from the same <see cref="Scenario.Source"/> (a
    /// watched file that changed), or adds it: the old one's jobs, declared and submitted, go, and the new one's start
    /// now; every other scenario's jobs keep running. The scenarios a <see cref="Reset"/> returns to change the same way.
    /// </summary>
    /// <exception cref="ScenarioValidationException">Its job ids clash with another loaded scenario's; nothing changed.</exception>
    public void Replace(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        EnsureServed(scenario, nameof(scenario));
        lock (_writeGate)
        {
            var current = _catalog;
            var others = current.Scenarios.Scenarios.Where(s => s.Source != scenario.Source).ToList();
            var scenarios = ScenarioSet.Create([.. others, scenario]);
            var initial = ScenarioSet.Create([.. _initial.Scenarios.Where(s => s.Source != scenario.Source), scenario]);
            EnsureRoom(_stores, scenario);
            RemoveJobsOfSource(scenario.Source);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, scenarios, Time.GetUtcNow(), current));
            _initial = initial;
            AddDeclaredJobs(_stores, [scenario], Time.GetUtcNow());
        }
    }

    /// <summary>Unloads the scenario from <paramref name="source"/> (a watched file that was removed), with its jobs; false when none is loaded from there.</summary>
    public bool UnloadSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_writeGate)
        {
            var current = _catalog;
            if (!current.Scenarios.Scenarios.Any(s => s.Source == source))
            {
                return false;
            }

            RemoveJobsOfSource(source);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, ScenarioSet.Create(current.Scenarios.Scenarios.Where(s => s.Source != source)), Time.GetUtcNow(), current));
            _initial = ScenarioSet.Create(_initial.Scenarios.Where(s => s.Source != source));
            return true;
        }
    }

    private void RemoveJobsOfSource(string source)
    {
        foreach (var dialect in Dialects.All)
        {
            _stores.Jobs(dialect)!.RemoveScenarios(s => s.Source == source);
        }
    }

    /// <summary>When <paramref name="scenario"/> was loaded on the emulator's clock.</summary>
    public DateTimeOffset LoadedAt(Scenario scenario) => Volatile.Read(ref _catalog).LoadedAt(scenario);

    private void AddDeclaredJobs(EngineStores stores, IEnumerable<Scenario> scenarios, DateTimeOffset now)
    {
        foreach (var scenario in scenarios)
        {
            EnsureRoom(stores, scenario);
            var jobs = stores.Jobs(scenario.Dialect)!;
            if (scenario.Jobs.Count > 0 && Observers() is [var only] && ReferenceEquals(only, Webhooks) && !Webhooks.Observes(new JobRuntime(scenario.Jobs[0], scenario, now)))
            {
                // Nobody listens for this scenario's transitions, so nothing needs its jobs live before a request asks:
                // they are kept as scripts and made live, from this instant, when first found.
                jobs.AddDeclared(scenario, now);
                continue;
            }

            foreach (var script in scenario.Jobs)
            {
                var job = new JobRuntime(script, scenario, now);
                jobs.TryAdd(job);
                Watch(job, stores);
            }
        }
    }

    private static void EnsureRoom(EngineStores stores, Scenario scenario)
    {
        var jobs = stores.Jobs(scenario.Dialect)!;
        if (jobs.Count + scenario.Jobs.Count > jobs.Capacity)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) would bring {scenario.Dialect.Name} to {jobs.Count + scenario.Jobs.Count} jobs; this engine keeps at most {jobs.Capacity} per dialect (MaxJobsPerDialect).", nameof(scenario));
        }
    }

    private void EnsureServed(Scenario scenario, string parameter)
    {
        if (Dialects.Find(scenario.Dialect.Name) is not { } served)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) speaks dialect '{scenario.Dialect.Name}', which this engine does not serve.", parameter);
        }

        if (!ReferenceEquals(served, scenario.Dialect))
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) was read for another definition of dialect '{scenario.Dialect.Name}' than the one served now (it was loaded again since); read it with the engine's dialects (new ScenarioLoader(engine.Dialects)).", parameter);
        }
    }
}
