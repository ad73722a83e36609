namespace JobEmulator.Cli;

/// <summary>What <c>jobemu</c> exits with.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A scenario is invalid (the message names file:line:column).</summary>
    public const int InvalidScenario = 1;

    /// <summary>The command line, or a <c>JOBEMU_*</c> variable, does not parse or is out of range (the same code as <see cref="InvalidScenario"/>).</summary>
    public const int InvalidUsage = 1;

    /// <summary>The server could not start (bad address, port in use).</summary>
    public const int CannotStart = 2;

    /// <summary>The arguments name something that does not exist (an unknown dialect, a job not in the scenario).</summary>
    public const int InvalidArguments = 3;
}
