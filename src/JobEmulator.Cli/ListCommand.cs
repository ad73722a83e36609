using System.CommandLine;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Cli;

/// <summary><c>jobemu list [DIALECT]</c>: the dialects, their operations and the scenario fields special to each.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var name = new Argument<string?>("dialect") { Description = "One dialect to list (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var definitions = DialectPaths.Option();
        var command = new Command("list", "List the dialects: each operation (method, route, credential) from the operation table, and the scenario fields special to each dialect." + Environment.NewLine + Environment.NewLine + "Examples: jobemu list docurift" + Environment.NewLine + "          jobemu list lumen --dialects samples/your-own-api") { name, definitions };
        command.SetAction(parse =>
        {
            DialectCatalog catalog;
            try
            {
                catalog = DialectPaths.Load(parse.GetValue(definitions) ?? []);
            }
            catch (Core.Yaml.ScenarioValidationException ex)
            {
                errors.WriteLine(ex.Message);
                return ExitCodes.InvalidScenario;
            }

            var wanted = parse.GetValue(name);
            var dialects = catalog.All.Where(d => wanted is null || string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (dialects.Count == 0)
            {
                errors.WriteLine($"unknown dialect '{wanted}'; expected one of: {string.Join(", ", catalog.Names)} (a dialect of your own: --dialects its file or folder)");
                return ExitCodes.InvalidArguments;
            }

            foreach (var dialect in dialects)
            {
                Write(dialect, output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(Dialect dialect, TextWriter output)
    {
        output.WriteLine($"{dialect.Name} ({dialect.Vendor})");
        output.WriteLine($"  status words: {string.Join(" / ", dialect.StatusWords.Distinct)}");
        output.WriteLine("  operations:");
        foreach (var operation in dialect.Operations)
        {
            output.WriteLine($"    {operation.Method,-6} {operation.Route,-44} {operation.Kind,-13} [{operation.CredentialDescription}]  {operation.Summary}");
        }

        if (dialect.JobKeys.Count > 0)
        {
            output.WriteLine("  job fields (jobs[] and submitted_jobs[]):");
            foreach (var field in dialect.JobKeys)
            {
                output.WriteLine($"    {field.Key,-18} {field.Description}");
            }
        }

        if (dialect.WhenKeys.Count > 0)
        {
            output.WriteLine("  when: fields of submitted_jobs (besides nth):");
            foreach (var field in dialect.WhenKeys)
            {
                var choices = field.Choices is { } c ? $" ({string.Join(", ", c)})" : string.Empty;
                output.WriteLine($"    {field.Key,-18} {field.Description}{choices}");
            }
        }

        if (dialect.WebhookEvents.Count > 0)
        {
            output.WriteLine($"  webhook events: {string.Join(", ", dialect.WebhookEvents)}");
        }

        output.WriteLine();
    }
}
