using Xunit;

namespace JobEmulator.Cli.Tests;

/// <summary>Runs the jobemu command line in-process, as the process does, with its output and errors captured.</summary>
internal static class Jobemu
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await JobEmulatorCommand.RunAsync(args, output, errors, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), errors.ToString());
    }
}
