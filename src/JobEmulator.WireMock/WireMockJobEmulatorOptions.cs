using JobEmulator.Testing;

namespace JobEmulator.WireMock;

/// <summary>Options of <c>server.AddJobEmulator(…)</c>: scenarios, clock and journal, plus the mappings' priority.</summary>
public sealed class WireMockJobEmulatorOptions : EmulatorSetupOptions
{
    /// <summary>
    /// The WireMock priority of the emulator's mappings (a lower value wins). Default 1000, so a stub of your own
    /// on the same path (WireMock's default priority is 0) answers instead of the emulator.
    /// </summary>
    public int Priority { get; set; } = 1000;
}
