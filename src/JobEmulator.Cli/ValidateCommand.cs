using System.CommandLine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Cli;

/// <summary><c>jobemu validate FILES|FOLDERS…</c>: checks scenarios without serving them.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Scenario files, or folders searched for *.yaml and *.yml (dialect definitions, 'kind: dialect', among them)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check scenario files and report every error with file:line:column." + Environment.NewLine + Environment.NewLine + "Example: jobemu validate scenarios my-scenario.yaml") { paths };
        command.SetAction(parse =>
        {
            try
            {
                var set = new ScenarioLoader().LoadPaths(parse.GetValue(paths) ?? []);
                foreach (var dialect in set.Dialects.All.Where(d => !d.IsBuiltIn))
                {
                    output.WriteLine($"ok  dialect {dialect.Name}  ({dialect.Operations.Count} operation{(dialect.Operations.Count == 1 ? "" : "s")})");
                }

                foreach (var scenario in set.Scenarios)
                {
                    output.WriteLine($"ok  {scenario.Source}  ({scenario.Dialect.Name}, {scenario.JobIds.Count} job{(scenario.JobIds.Count == 1 ? "" : "s")})");
                }

                output.WriteLine($"{set.Scenarios.Count} scenario{(set.Scenarios.Count == 1 ? "" : "s")} valid.");
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
