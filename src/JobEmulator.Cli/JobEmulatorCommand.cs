using System.CommandLine;

namespace JobEmulator.Cli;

/// <summary>The <c>jobemu</c> command line: <c>serve</c>, <c>validate</c>, <c>list</c> and <c>replay</c>.</summary>
public static class JobEmulatorCommand
{
    /// <summary>Builds the root command writing to <paramref name="output"/> and <paramref name="errors"/>.</summary>
    public static RootCommand Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var root = new RootCommand("JobEmulator: emulates vendors' asynchronous job APIs (Symbl.ai, DeepAffects, Waveline, Aitronos Freddy, DocuRift) from YAML scenarios.");
        root.Subcommands.Add(ServeCommand.Create(output, errors));
        root.Subcommands.Add(ValidateCommand.Create(output, errors));
        root.Subcommands.Add(ListCommand.Create(output, errors));
        root.Subcommands.Add(ReplayCommand.Create(output, errors));
        root.Subcommands.Add(SchemaCommand.Create(output));
        root.Subcommands.Add(HealthCommand.Create(output, errors));
        return root;
    }
}
