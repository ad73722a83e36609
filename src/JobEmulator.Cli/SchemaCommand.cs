using System.CommandLine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Cli;

/// <summary><c>jobemu schema [PATHS…]</c>: prints the JSON Schema of scenario files, for the built-in dialects and any defined among the paths.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Dialect definition files ('kind: dialect'), or folders holding them, whose scenarios the schema should also describe",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of scenario files, as scenarios/schema/scenario.schema.json holds it; given the paths of your own dialect definitions, the schema knows their names and job fields too." + Environment.NewLine + Environment.NewLine +
            "Examples: jobemu schema > scenario.schema.json" + Environment.NewLine +
            "          jobemu schema my-dialects > my-dialects/scenario.schema.json")
        {
            paths,
        };
        command.SetAction(parse =>
        {
            try
            {
                var given = parse.GetValue(paths) ?? [];
                output.Write(ScenarioSchema.Generate(given.Length == 0 ? null : new ScenarioLoader { AcceptsEmptyFolders = true }.LoadPaths(given).Dialects));
                return ExitCodes.Ok;
            }
            catch (ScenarioValidationException ex)
            {
                errors.WriteLine(ex.Message);
                return ExitCodes.InvalidScenario;
            }
        });
        return command;
    }
}
