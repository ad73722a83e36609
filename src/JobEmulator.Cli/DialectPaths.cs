using System.CommandLine;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Cli;

/// <summary><c>--dialects PATH</c> of <c>list</c> and <c>replay</c>: dialect definitions read beside the built-in ones.</summary>
internal static class DialectPaths
{
    public static Option<string[]> Option() => new("--dialects")
    {
        Description = "Dialect definition files (kind: dialect), or folders searched for them, read beside the built-in dialects (repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The built-in dialects and every definition among <paramref name="paths"/> (other files there are left alone).</summary>
    /// <exception cref="ScenarioValidationException">A path does not exist, or a definition is invalid or clashes with another.</exception>
    public static DialectCatalog Load(IReadOnlyList<string> paths)
    {
        var loader = new ScenarioLoader();
        if (paths.Count == 0)
        {
            return loader.Dialects;
        }

        var errors = new List<ScenarioError>();
        foreach (var file in ScenarioLoader.ExpandPaths(paths, errors))
        {
            var text = ScenarioLoader.DecodeText(File.ReadAllBytes(file), file);
            if (!ScenarioLoader.IsDialectDefinition(text))
            {
                continue;
            }

            try
            {
                loader.LoadDialectYaml(text, file);
            }
            catch (ScenarioValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        return errors.Count == 0 ? loader.Dialects : throw new ScenarioValidationException(errors);
    }
}
