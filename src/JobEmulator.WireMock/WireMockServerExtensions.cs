using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using WireMock.Server;

namespace JobEmulator.WireMock;

/// <summary>Registers JobEmulator on a WireMock.Net server.</summary>
public static class WireMockServerExtensions
{
    /// <summary>
    /// Adds every dialect's status routes to <paramref name="server"/>, answered from the scenarios
    /// <paramref name="configure"/> loads, on a fake clock unless told otherwise.
    /// </summary>
    /// <exception cref="ScenarioValidationException">A scenario is invalid; the message names each file:line:column.</exception>
    public static WireMockJobEmulator AddJobEmulator(this WireMockServer server, Action<WireMockJobEmulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new WireMockJobEmulatorOptions();
        configure(options);
        return new WireMockJobEmulator(server, options);
    }

    /// <summary>Adds every dialect's status routes to <paramref name="server"/>, serving <paramref name="scenario"/> on a fake clock.</summary>
    public static WireMockJobEmulator AddJobEmulator(this WireMockServer server, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return server.AddJobEmulator(options => options.AddScenario(scenario));
    }

    /// <summary>Adds every dialect's status routes to <paramref name="server"/>, serving the scenario <paramref name="builder"/> describes, on a fake clock.</summary>
    public static WireMockJobEmulator AddJobEmulator(this WireMockServer server, ScenarioBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return server.AddJobEmulator(options => options.AddScenario(builder));
    }
}
