using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Engine;

/// <summary>The dialects served, and the definitions loaded, replaced and unloaded while the engine runs.</summary>
public sealed partial class JobEmulatorEngine
{
    /// <summary>How many dialects loaded from definitions one engine serves at most (besides the built-in ones): each brings its routes and a job store.</summary>
    public const int MaxDefinedDialects = 100;

    private DialectCatalog _dialects;

    /// <summary>The dialects served now: those given at start, and any definition loaded since (<see cref="LoadDialectYaml"/>).</summary>
    public DialectCatalog Dialects => Volatile.Read(ref _dialects);

    /// <summary>Raised after a dialect is loaded, replaced or unloaded (a host maps its routes again).</summary>
    public event EventHandler? DialectsChanged;

    /// <summary>
    /// Loads a dialect definition (<c>kind: dialect</c>) while the engine runs: its routes are served from now on. One of
    /// the same name loaded before (not a built-in one) is replaced, and the scenarios that spoke it are unloaded with
    /// their jobs: load them again to speak the new definition. Returns the dialect's name, and through
    /// <paramref name="unloaded"/> the names of the scenarios unloaded.
    /// </summary>
    /// <exception cref="ScenarioValidationException">The definition is invalid, its name is a built-in dialect's, or its routes clash with another dialect's; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">It is a new dialect, and <see cref="MaxDefinedDialects"/> are served already.</exception>
    public string LoadDialectYaml(string yaml, string source, out IReadOnlyList<string> unloaded)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var errors = new List<ScenarioError>();
        var dialect = Definitions.DialectDefinitions.TryLoad(yaml, source, errors) ?? throw new ScenarioValidationException(errors);
        lock (_writeGate)
        {
            var current = Dialects;
            if (Definitions.DialectDefinitions.BuiltinCatalog.Find(dialect.Name) is not null)
            {
                // A built-in dialect is never replaced: the message names where it is defined.
                throw new ScenarioValidationException(Definitions.DialectConflicts.Between(dialect, Definitions.DialectDefinitions.BuiltinCatalog.All));
            }

            if (current.Find(dialect.Name) is null && current.All.Count - Definitions.DialectDefinitions.BuiltinCatalog.All.Count >= MaxDefinedDialects)
            {
                throw new InvalidOperationException($"This emulator serves {MaxDefinedDialects} dialects of your own already, the most it keeps; remove one first (DELETE /__admin/dialects/{{name}}).");
            }

            var kept = new DialectCatalog(current.All.Where(d => !string.Equals(d.Name, dialect.Name, StringComparison.OrdinalIgnoreCase)));
            var next = Definitions.DialectConflicts.Join(kept, [dialect], errors);
            if (errors.Count > 0)
            {
                throw new ScenarioValidationException(errors);
            }

            unloaded = current.Find(dialect.Name) is { } replaced ? RemoveScenariosOf(replaced) : [];
            Volatile.Write(ref _dialects, next);
            Stores.AddDialect(dialect.Name);
        }

        DialectsChanged?.Invoke(this, EventArgs.Empty);
        return dialect.Name;
    }

    /// <summary>
    /// Stops serving the dialect named <paramref name="name"/>, loaded from a definition, with every scenario that speaks
    /// it and their jobs; false when none is loaded by that name. Returns through <paramref name="unloaded"/> the names of
    /// the scenarios unloaded.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is one of the built-in dialects, which are always served.</exception>
    public bool UnloadDialect(string name, out IReadOnlyList<string> unloaded)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Definitions.DialectDefinitions.BuiltinCatalog.Find(name) is not null)
        {
            throw new InvalidOperationException($"'{name}' is a built-in dialect; only dialects loaded from definitions can be unloaded.");
        }

        lock (_writeGate)
        {
            var current = Dialects;
            if (current.Find(name) is not { } dialect)
            {
                unloaded = [];
                return false;
            }

            unloaded = RemoveScenariosOf(dialect);
            Volatile.Write(ref _dialects, new DialectCatalog(current.All.Where(d => !ReferenceEquals(d, dialect))));
            Stores.RemoveDialect(dialect.Name);
        }

        DialectsChanged?.Invoke(this, EventArgs.Empty);
        return true;
    }

    // The write lock held: the scenarios speaking the dialect go, from the loaded ones and from those a reset returns to.
    private List<string> RemoveScenariosOf(Dialect dialect)
    {
        var current = _catalog;
        var removed = current.Scenarios.Scenarios.Where(s => ReferenceEquals(s.Dialect, dialect)).ToList();
        Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, ScenarioSet.Create(current.Scenarios.Scenarios.Except(removed)), Time.GetUtcNow(), current));
        _initial = ScenarioSet.Create(_initial.Scenarios.Where(s => !ReferenceEquals(s.Dialect, dialect)));
        return [.. removed.Select(s => s.Name)];
    }
}
