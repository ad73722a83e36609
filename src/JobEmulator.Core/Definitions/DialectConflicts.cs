using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// Why a dialect cannot be served beside others: its name is taken, or one of its operations would answer the requests
/// another dialect's operation answers. Each error is at the new file's line and names the other file and line.
/// </summary>
internal static class DialectConflicts
{
    public static List<ScenarioError> Between(Dialect added, IEnumerable<Dialect> served)
    {
        var errors = new List<ScenarioError>();
        var (source, namePosition) = Where(added);
        foreach (var other in served)
        {
            if (string.Equals(other.Name, added.Name, StringComparison.OrdinalIgnoreCase))
            {
                var (otherSource, otherPosition) = Where(other);
                errors.Add(new ScenarioError(source, namePosition, $"a dialect named '{added.Name}' is already defined at {otherSource}:{otherPosition}; dialect names are unique (scenarios name them in 'dialect:')"));
                continue;
            }

            for (var i = 0; i < added.Operations.Count; i++)
            {
                var operation = added.Operations[i];
                for (var j = 0; j < other.Operations.Count; j++)
                {
                    if (RouteShape.Clash(operation, other.Operations[j]))
                    {
                        var (otherSource, _) = Where(other);
                        errors.Add(new ScenarioError(source, OperationAt(added, i, namePosition),
                            $"{operation} would answer the requests of dialect '{other.Name}''s {other.Operations[j]} at {otherSource}:{OperationAt(other, j, new SourcePosition(1, 1))}; give one of them another route (a path prefix of its own)"));
                    }
                }
            }
        }

        return errors;
    }

    private static (string Source, SourcePosition Position) Where(Dialect dialect) => dialect is DefinedDialect defined
        ? (defined.Definition.Source, defined.Definition.NamePosition)
        : (dialect.Name + " (a dialect written in C#)", new SourcePosition(1, 1));

    // The reader records a position for each operation it keeps, in the same order.
    private static SourcePosition OperationAt(Dialect dialect, int index, SourcePosition otherwise) =>
        dialect is DefinedDialect defined ? defined.Definition.OperationPositions[index] : otherwise;

    /// <summary>
    /// <paramref name="catalog"/> with <paramref name="added"/> as well, or every reason they cannot be served beside these and each
    /// other (a name taken, routes that would answer the same requests), each at its file, line and column.
    /// </summary>
    public static DialectCatalog Join(DialectCatalog catalog, IReadOnlyList<Dialect> added, List<ScenarioError> errors)
    {
        var served = new List<Dialect>(catalog.All);
        foreach (var dialect in added)
        {
            var conflicts = Between(dialect, served);
            errors.AddRange(conflicts);
            if (conflicts.Count == 0)
            {
                served.Add(dialect);
            }
        }

        return served.Count == catalog.All.Count ? catalog : new DialectCatalog(served);
    }
}
