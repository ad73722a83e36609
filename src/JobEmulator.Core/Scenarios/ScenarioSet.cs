using JobEmulator.Core.Dialects;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// Scenarios loaded together. A job id is unique within its dialect across all of them; the same id in
/// two dialects is two different jobs (the vendors' own examples reuse <c>job_abc123def456</c>).
/// </summary>
public sealed class ScenarioSet
{
    private ScenarioSet(IReadOnlyList<Scenario> scenarios, DialectCatalog dialects)
    {
        Scenarios = scenarios;
        Dialects = dialects;
    }

    /// <summary>A set with no scenarios.</summary>
    public static ScenarioSet Empty { get; } = new([], Definitions.DialectDefinitions.BuiltinCatalog);

    /// <summary>The scenarios, in load order.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>
    /// The dialects an emulator of this set serves: the built-in ones, those defined in the files loaded with it
    /// (<c>kind: dialect</c>) and any other its scenarios speak.
    /// </summary>
    public DialectCatalog Dialects { get; }

    /// <summary>Validates cross-scenario rules and builds the set.</summary>
    /// <exception cref="ScenarioValidationException">A job id repeats within a dialect.</exception>
    public static ScenarioSet Create(IEnumerable<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return Create(scenarios, Definitions.DialectDefinitions.BuiltinCatalog);
    }

    /// <summary>Validates cross-scenario rules and builds the set, served with <paramref name="dialects"/> (and any other dialect a scenario speaks).</summary>
    /// <exception cref="ScenarioValidationException">A job id repeats within a dialect.</exception>
    public static ScenarioSet Create(IEnumerable<Scenario> scenarios, DialectCatalog dialects)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(dialects);
        var list = scenarios.ToList();
        var errors = DuplicateIds(list);
        return errors.Count == 0 ? FromChecked(list, dialects) : throw new ScenarioValidationException(errors);
    }

    /// <summary>Wraps scenarios whose ids <see cref="DuplicateIds"/> has already found unique, served with <paramref name="dialects"/>.</summary>
    internal static ScenarioSet FromChecked(List<Scenario> scenarios, DialectCatalog dialects) => new(scenarios, Spoken(dialects, scenarios));

    // The catalog, with any dialect a scenario speaks that it does not hold (a scenario built for a defined dialect).
    private static DialectCatalog Spoken(DialectCatalog dialects, List<Scenario> scenarios)
    {
        List<Dialect>? more = null;
        foreach (var scenario in scenarios)
        {
            if (dialects.Find(scenario.Dialect.Name) is null && more?.Exists(d => string.Equals(d.Name, scenario.Dialect.Name, StringComparison.OrdinalIgnoreCase)) != true)
            {
                (more ??= []).Add(scenario.Dialect);
            }
        }

        return more is null ? dialects : new DialectCatalog([.. dialects.All, .. more]);
    }

    /// <summary>An error for each job id that repeats within a dialect, naming where it was first used.</summary>
    internal static List<ScenarioError> DuplicateIds(IReadOnlyList<Scenario> list)
    {
        var errors = new List<ScenarioError>();
        var seen = new Dictionary<(string Dialect, string Id), (string Source, SourcePosition Position)>();
        foreach (var scenario in list)
        {
            foreach (var job in scenario.Jobs)
            {
                var key = (scenario.Dialect.Name, job.Id);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new ScenarioError(scenario.Source, job.Position, $"job id '{job.Id}' is already used by a {scenario.Dialect.Name} job at {first.Source}:{first.Position}; ids must be unique within a dialect"));
                }
                else
                {
                    seen.Add(key, (scenario.Source, job.Position));
                }
            }
        }

        return errors;
    }
}
