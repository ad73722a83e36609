using Microsoft.Extensions.Logging;

namespace JobEmulator.Testing;

/// <summary>Options of <see cref="JobEmulatorHost.StartAsync"/>: scenarios, clock and journal, plus how it is reached.</summary>
public sealed class JobEmulatorHostOptions : EmulatorSetupOptions
{
    /// <summary>In memory (default) or on a loopback port.</summary>
    public JobEmulatorMode Mode { get; set; } = JobEmulatorMode.InMemory;

    /// <summary>The loopback port; 0 (default) picks a free one. Ignored in memory.</summary>
    public int Port { get; set; }

    /// <summary>Where the emulator's logs go; by default it logs nothing (the journal records every request).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Serves on Kestrel at 127.0.0.1 (a free port unless <paramref name="port"/> is given).</summary>
    public void UseLoopback(int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Mode = JobEmulatorMode.Loopback;
        Port = port;
    }
}
