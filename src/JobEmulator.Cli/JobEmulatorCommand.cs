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

    /// <summary>
    /// How the process runs the command: on Ctrl+C or SIGTERM the command's token is cancelled and it gets this long to
    /// finish before System.CommandLine ends the process with 143 (its default, 2 s, would cut <c>serve</c>'s drain short).
    /// </summary>
    public static InvocationConfiguration Invocation(TextWriter output, TextWriter errors) => new()
    {
        Output = output,
        Error = errors,
        ProcessTerminationTimeout = ServeCommand.ShutdownGrace + TimeSpan.FromSeconds(1),
    };
}
