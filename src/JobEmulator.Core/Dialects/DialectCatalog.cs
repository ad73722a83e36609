namespace JobEmulator.Core.Dialects;

/// <summary>The dialects one emulator serves, looked up by their scenario name.</summary>
public sealed class DialectCatalog
{
    private readonly Dictionary<string, Dialect> _byName;

    /// <summary>Creates a catalog of <paramref name="dialects"/>; names must be unique.</summary>
    public DialectCatalog(IEnumerable<Dialect> dialects)
    {
        ArgumentNullException.ThrowIfNull(dialects);
        All = [.. dialects];
        _byName = All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All five built-in dialects, each read from its definition file embedded in this assembly.</summary>
    internal static DialectCatalog Default { get; } = new(
        ((string[])["symbl", "deepaffects", "waveline", "aitronos", "docurift"]).Select(Definitions.DialectDefinitions.Builtin));

    /// <summary>Every dialect, in registration order.</summary>
    public IReadOnlyList<Dialect> All { get; }

    /// <summary>The dialects' names.</summary>
    public IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>
    /// This catalog with <paramref name="added"/> as well, or every reason they cannot be served beside these and each
    /// other (a name taken, routes that would answer the same requests), each at its file, line and column.
    /// </summary>
    internal DialectCatalog With(IReadOnlyList<Dialect> added, List<Scenarios.ScenarioError> errors)
    {
        var served = new List<Dialect>(All);
        foreach (var dialect in added)
        {
            var conflicts = Definitions.DialectConflicts.Between(dialect, served);
            errors.AddRange(conflicts);
            if (conflicts.Count == 0)
            {
                served.Add(dialect);
            }
        }

        return served.Count == All.Count ? this : new DialectCatalog(served);
    }

    /// <summary>The dialect named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Dialect? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
