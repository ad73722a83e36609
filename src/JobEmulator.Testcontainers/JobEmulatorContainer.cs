using System.Globalization;
using DotNet.Testcontainers.Containers;

namespace JobEmulator.Testcontainers;

/// <summary>A running JobEmulator sidecar: its base address for your client, and <see cref="Admin"/> for the
/// clock, jobs and journal.</summary>
public sealed class JobEmulatorContainer : DockerContainer
{
    private readonly JobEmulatorConfiguration _configuration;
    private JobEmulatorAdminClient? _admin;

    /// <summary>A container for <paramref name="configuration"/> (made by <see cref="JobEmulatorBuilder.Build"/>).</summary>
    public JobEmulatorContainer(JobEmulatorConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>Where the emulator answers, e.g. <c>http://127.0.0.1:49153</c>: point the vendor's client here.</summary>
    /// <exception cref="InvalidOperationException">The container has not started.</exception>
    public Uri GetBaseAddress() => _configuration.HostNetworkPort is { } port
        ? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"))
        : new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(JobEmulatorBuilder.Port)).Uri;

    /// <summary>The admin API client (created on first use, after the container started).</summary>
    public JobEmulatorAdminClient Admin => _admin ??= new JobEmulatorAdminClient(
        GetBaseAddress(),
        _configuration.Environments.TryGetValue("JOBEMU_ADMIN_TOKEN", out var token) ? token : null);

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        _admin?.Dispose();
        return base.DisposeAsyncCore();
    }
}
