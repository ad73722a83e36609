using JobEmulator.Core.Dialects;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>Loads dialect definition files (<c>kind: dialect</c>), and the built-in ones embedded in this assembly.</summary>
internal static class DialectDefinitions
{
    /// <summary>Reads one definition from YAML text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioValidationException">The file is not a valid definition: every problem, with its line and column.</exception>
    public static Dialect Load(string yaml, string source)
    {
        var errors = new List<ScenarioError>();
        return TryLoad(yaml, source, errors) ?? throw new ScenarioValidationException(errors);
    }

    /// <summary>Reads one definition, or adds to <paramref name="errors"/> every reason it cannot be read and returns null.</summary>
    public static Dialect? TryLoad(string yaml, string source, List<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new NodeReader(source);
        var root = YamlDocumentReader.Read(source, yaml, reader.Errors);
        var definition = root is null ? null : new DialectDefinitionReader(reader).Read(root);
        errors.AddRange(reader.Errors);
        return reader.Errors.Count == 0 && definition is not null ? new DefinedDialect(definition) : null; // null only when an error says why
    }

    /// <summary>
    /// Whether YAML text is a dialect definition rather than a scenario: a top-level <c>kind: dialect</c> line (a block
    /// mapping's key starts its line). Only the key is looked for here; the reader checks everything else.
    /// </summary>
    public static bool IsDefinition(string yaml) => TopLevel(yaml, "kind:") is "dialect";

    /// <summary>The <c>name</c> a definition gives itself on a top-level line, read as <see cref="IsDefinition"/> reads <c>kind</c>; null when none.</summary>
    public static string? NameOf(string yaml) => TopLevel(yaml, "name:") is { Length: > 0 } name ? name : null;

    /// <summary>The <c>dialect</c> a scenario names on a top-level line, read as <see cref="IsDefinition"/> reads <c>kind</c>; null when none.</summary>
    public static string? DialectOf(string yaml) => TopLevel(yaml, "dialect:") is { Length: > 0 } name ? name : null;

    private static string? TopLevel(string yaml, string key)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var span = yaml.AsSpan();
        for (var start = 0; start < span.Length;)
        {
            var end = span[start..].IndexOf('\n');
            var line = end < 0 ? span[start..] : span.Slice(start, end);
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..];
                var comment = value.IndexOf('#');
                return (comment < 0 ? value : value[..comment]).Trim().Trim('"').Trim('\'').ToString();
            }

            if (end < 0)
            {
                break;
            }

            start += end + 1;
        }

        return null;
    }

    /// <summary>All five built-in dialects, each read from its definition file embedded in this assembly, once.</summary>
    public static DialectCatalog BuiltinCatalog { get; } = new(
        ((string[])["symbl", "deepaffects", "waveline", "aitronos", "docurift"]).Select(Builtin));

    /// <summary>A built-in definition (<c>waveline</c>), from the assembly's resources.</summary>
    public static Dialect Builtin(string name)
    {
        var resource = $"JobEmulator.Core.Definitions.Builtin.{name}.yaml";
        using var stream = typeof(DialectDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No built-in dialect definition '{name}' ({resource}) in {typeof(DialectDefinitions).Assembly.GetName().Name}.");
        using var text = new StreamReader(stream);
        var dialect = (DefinedDialect)Load(text.ReadToEnd(), $"{name}.yaml (built in)");
        dialect.IsBuiltIn = true;
        return dialect;
    }
}
