using System.Net;
using System.Net.Sockets;

namespace JobEmulator.Tests.Shared;

/// <summary>A loopback port nothing listens on right now (linked into each test project).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
