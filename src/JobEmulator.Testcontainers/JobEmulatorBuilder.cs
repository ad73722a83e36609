using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace JobEmulator.Testcontainers;

/// <summary>
/// Builds a JobEmulator sidecar container: <c>new JobEmulatorBuilder().WithScenarios("scenarios").Build()</c>.
/// The container is ready when the image's health check (<c>GET /__admin/health</c>) passes, that is once its
/// scenarios are loaded.
/// </summary>
public sealed class JobEmulatorBuilder : ContainerBuilder<JobEmulatorBuilder, JobEmulatorContainer, JobEmulatorConfiguration>
{
    /// <summary>The image built from this repository's Dockerfile (<c>docker build -t jobemulator .</c>).</summary>
    public const string DefaultImage = "jobemulator:latest";

    /// <summary>The port the emulator listens on inside the container.</summary>
    public const ushort Port = 8080;

    /// <summary>Where the image reads scenarios from.</summary>
    public const string ScenariosPath = "/scenarios";

    /// <summary>A builder for <see cref="DefaultImage"/>, port 8080 mapped to a random host port.</summary>
    public JobEmulatorBuilder()
        : this(new JobEmulatorConfiguration())
    {
        DockerResourceConfiguration = Init().DockerResourceConfiguration;
    }

    private JobEmulatorBuilder(JobEmulatorConfiguration configuration)
        : base(configuration)
    {
        DockerResourceConfiguration = configuration;
    }

    /// <inheritdoc />
    protected override JobEmulatorConfiguration DockerResourceConfiguration { get; }

    /// <summary>Serves the scenario files and folders under <paramref name="hostPath"/> (mounted read-only at
    /// <c>/scenarios</c>) instead of the bundled ones, with any dialect definition (<c>kind: dialect</c>) among them.</summary>
    public JobEmulatorBuilder WithScenarios(string hostPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPath);
        return WithBindMount(Path.GetFullPath(hostPath), ScenariosPath, AccessMode.ReadOnly);
    }

    /// <summary>The emulator's clock: <see cref="JobEmulatorClock.System"/> (the default) or
    /// <see cref="JobEmulatorClock.Manual"/>, which moves only through <see cref="JobEmulatorAdminClient.AdvanceClockAsync"/>.</summary>
    public JobEmulatorBuilder WithClock(JobEmulatorClock clock) =>
        WithEnvironment("JOBEMU_CLOCK", clock == JobEmulatorClock.Manual ? "manual" : "system");

    /// <summary>Runs the emulator's time <paramref name="scale"/> times faster than the wall clock.</summary>
    public JobEmulatorBuilder WithClockScale(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return WithEnvironment("JOBEMU_CLOCK_SCALE", scale.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Requires <paramref name="token"/> on the admin API (the <see cref="JobEmulatorContainer.Admin"/> client sends it).</summary>
    public JobEmulatorBuilder WithAdminToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return WithEnvironment("JOBEMU_ADMIN_TOKEN", token);
    }

    /// <summary>
    /// Shares the host's network and listens on <paramref name="port"/> there, instead of mapping 8080: for Docker
    /// engines without a bridge network, and for webhooks to a receiver on the host's loopback.
    /// </summary>
    public JobEmulatorBuilder WithHostNetwork(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Merge(DockerResourceConfiguration, new JobEmulatorConfiguration(port))
            .WithEnvironment("JOBEMU_PORT", port.ToString(CultureInfo.InvariantCulture))
            .WithCreateParameterModifier(parameters =>
            {
                parameters.HostConfig ??= new HostConfig();
                parameters.HostConfig.NetworkMode = "host";
            });
    }

    /// <inheritdoc />
    public override JobEmulatorContainer Build()
    {
        // 8080 is mapped to a random host port unless the container shares the host's network, where there is no
        // mapping to wait for (Testcontainers waits for every binding it was given).
        var builder = DockerResourceConfiguration.HostNetworkPort is null ? WithPortBinding(Port, assignRandomHostPort: true) : this;
        builder.Validate();
        return new JobEmulatorContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override JobEmulatorBuilder Init() =>
        base.Init()
            .WithImage(DefaultImage)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy(failingStreak: 3, strategy => strategy.WithTimeout(TimeSpan.FromMinutes(1))));

    /// <inheritdoc />
    protected override JobEmulatorBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new JobEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override JobEmulatorBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new JobEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override JobEmulatorBuilder Merge(JobEmulatorConfiguration oldValue, JobEmulatorConfiguration newValue) =>
        new(new JobEmulatorConfiguration(oldValue, newValue));
}

/// <summary>The emulator's clock in the container.</summary>
public enum JobEmulatorClock
{
    /// <summary>The wall clock (optionally scaled with <see cref="JobEmulatorBuilder.WithClockScale"/>).</summary>
    System,

    /// <summary>Moves only through the admin API.</summary>
    Manual,
}
