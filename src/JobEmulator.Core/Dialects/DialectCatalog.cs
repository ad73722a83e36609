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

    /// <summary>Every dialect, in registration order.</summary>
    public IReadOnlyList<Dialect> All { get; }

    /// <summary>The dialects' names.</summary>
    public IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>The dialect named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Dialect? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
