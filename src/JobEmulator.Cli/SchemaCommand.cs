using System.CommandLine;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Cli;

/// <summary><c>jobemu schema</c>: prints the JSON Schema of scenario files.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of scenario files, as scenarios/schema/scenario.schema.json holds it." + Environment.NewLine + Environment.NewLine +
            "Example: jobemu schema > scenario.schema.json");
        command.SetAction(_ =>
        {
            output.Write(ScenarioSchema.Generate());
            return ExitCodes.Ok;
        });
        return command;
    }
}
