using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace JobEmulator.Testcontainers;

/// <summary>The JobEmulator container's configuration: Testcontainers' own, plus the port it listens on when it
/// shares the host's network (<see cref="JobEmulatorBuilder.WithHostNetwork"/>).</summary>
public sealed class JobEmulatorConfiguration : ContainerConfiguration
{
    /// <summary>An empty configuration (the builder's <c>Init</c> fills it).</summary>
    /// <param name="hostNetworkPort">The port on the host's network, or <see langword="null"/> for a mapped port.</param>
#pragma warning disable RS0027 // Testcontainers' configuration pattern: the builder's constructors, one per configuration kind.
    public JobEmulatorConfiguration(int? hostNetworkPort = null) => HostNetworkPort = hostNetworkPort;
#pragma warning restore RS0027

    /// <summary>A configuration from Testcontainers' resource configuration.</summary>
    public JobEmulatorConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>A configuration from Testcontainers' container configuration.</summary>
    public JobEmulatorConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>A copy of <paramref name="resourceConfiguration"/>.</summary>
    public JobEmulatorConfiguration(JobEmulatorConfiguration resourceConfiguration)
        : this(new JobEmulatorConfiguration(), resourceConfiguration)
    {
    }

    /// <summary><paramref name="oldValue"/> with what <paramref name="newValue"/> sets.</summary>
    public JobEmulatorConfiguration(JobEmulatorConfiguration oldValue, JobEmulatorConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        HostNetworkPort = newValue.HostNetworkPort ?? oldValue.HostNetworkPort;
    }

    /// <summary>The port the emulator listens on in the host's network, or <see langword="null"/> when the
    /// container's 8080 is mapped to a random host port (the default).</summary>
    public int? HostNetworkPort { get; }
}
