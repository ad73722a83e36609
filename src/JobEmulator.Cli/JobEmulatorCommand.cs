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
        root.Subcommands.Add(SchemaCommand.Create(output, errors));
        root.Subcommands.Add(HealthCommand.Create(output, errors));
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, as the process does. When what fails to parse is a
    /// <c>JOBEMU_*</c> variable, the answer is one line per variable naming it and what it accepts, exit code 1, and no
    /// help (the help would show the bad value as the option's default).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parse = Create(output, errors).Parse(args);
        if (parse.Errors.Count > 0 && parse.Errors.All(error => error.Message.StartsWith("$JOBEMU_", StringComparison.Ordinal)))
        {
            foreach (var error in parse.Errors)
            {
                await errors.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return ExitCodes.InvalidUsage;
        }

        return await parse.InvokeAsync(Invocation(output, errors), cancellation).ConfigureAwait(false);
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
