using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>Loads dialect definition files (<c>kind: dialect</c>), and the built-in ones embedded in this assembly.</summary>
internal static class DialectDefinitions
{
    /// <summary>Reads one definition from YAML text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioValidationException">The file is not a valid definition: every problem, with its line and column.</exception>
    public static Dialect Load(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new NodeReader(source);
        var root = YamlDocumentReader.Read(source, yaml, reader.Errors);
        var definition = root is null ? null : new DialectDefinitionReader(reader).Read(root);
        return reader.Errors.Count == 0 && definition is not null
            ? new DefinedDialect(definition)
            : throw new ScenarioValidationException(reader.Errors); // a definition is null only when an error says why
    }

    /// <summary>A built-in definition (<c>waveline</c>), from the assembly's resources.</summary>
    public static Dialect Builtin(string name)
    {
        var resource = $"JobEmulator.Core.Definitions.Builtin.{name}.yaml";
        using var stream = typeof(DialectDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No built-in dialect definition '{name}' ({resource}) in {typeof(DialectDefinitions).Assembly.GetName().Name}.");
        using var text = new StreamReader(stream);
        return Load(text.ReadToEnd(), $"{name}.yaml (built in)");
    }
}
