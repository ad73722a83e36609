namespace JobEmulator.Testing;

/// <summary>How a <see cref="JobEmulatorHost"/> is reached.</summary>
public enum JobEmulatorMode
{
    /// <summary>In memory through ASP.NET Core's TestServer: no socket, no port; use <c>CreateClient()</c> or <c>CreateHandler()</c>.</summary>
    InMemory,

    /// <summary>Kestrel on 127.0.0.1 with a free port: use <c>BaseAddress</c> from any HTTP client, in or out of process.</summary>
    Loopback,
}
