using JobEmulator.Core.Engine;
using JobEmulator.Core.Yaml;
using JobEmulator.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JobEmulator.Testing;

/// <summary>
/// A JobEmulator running inside a test: in memory (TestServer) or on a loopback port, on a fake clock
/// the test owns unless told otherwise, recording every request in <see cref="InProcessEmulator.Journal"/>.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await JobEmulatorHost.StartAsync(options =>
///     options.AddScenarioFile("scenarios/docurift/slow-job.yaml"));
/// using var http = emulator.CreateClient();
/// </code>
/// </example>
public sealed class JobEmulatorHost : InProcessEmulator, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer? _testServer;
    private readonly EmulatorSetup _setup;
    private int _disposed;

    private JobEmulatorHost(WebApplication app, JobEmulatorMode mode, EmulatorSetup setup)
        : base(app.Services.GetRequiredService<JobEmulatorEngine>(), setup)
    {
        _app = app;
        Mode = mode;
        _setup = setup;
        if (mode == JobEmulatorMode.InMemory)
        {
            _testServer = (TestServer)app.Services.GetRequiredService<IServer>();
            BaseAddress = _testServer.BaseAddress;
        }
        else
        {
            BaseAddress = JobEmulatorApp.BaseAddress(app);
        }
    }

    /// <summary>In memory or loopback.</summary>
    public JobEmulatorMode Mode { get; }

    /// <summary>
    /// Where the emulator answers: <c>http://127.0.0.1:PORT/</c> on loopback; in memory, TestServer's
    /// <c>http://localhost/</c>, reachable only through <see cref="CreateClient"/> and <see cref="CreateHandler"/>.
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts an emulator configured by <paramref name="configure"/> (default: in memory, fake clock, no scenarios).</summary>
    /// <exception cref="ScenarioValidationException">A scenario is invalid; the message names each file:line:column.</exception>
    public static async Task<JobEmulatorHost> StartAsync(Action<JobEmulatorHostOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new JobEmulatorHostOptions();
        configure?.Invoke(options);

        // Scenarios are validated before anything starts, so a broken one fails here with its position.
        var setup = EmulatorSetup.Create(options);
        var server = new JobEmulatorServerOptions
        {
            Host = "127.0.0.1",
            Port = options.Port,
            TimeProvider = setup.Time,
            JournalCapacity = options.JournalCapacity,
            MaxJobsPerDialect = options.MaxJobsPerDialect,
            WebhookTransport = setup.Webhooks,
            WebhookLimits = options.WebhookLimits,
            ConfigureLogging = options.ConfigureLogging ?? (_ => { }),
        };
        if (options.Mode == JobEmulatorMode.InMemory)
        {
            server.ConfigureWebHost = web => web.UseTestServer();
        }

        foreach (var scenario in setup.Scenarios.Scenarios)
        {
            server.Scenarios.Add(scenario);
        }

        var app = JobEmulatorApp.Build(server);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new JobEmulatorHost(app, options.Mode, setup);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            setup.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the emulator; dispose it when done.
    /// In memory it goes through TestServer; on loopback through a socket.
    /// </summary>
    public HttpClient CreateClient() => _testServer is { } server
        ? new HttpClient(new NetworkFaultHandler(server.CreateHandler())) { BaseAddress = server.BaseAddress }
        : new HttpClient { BaseAddress = BaseAddress };

    /// <summary>
    /// A handler for code that builds its own <see cref="HttpClient"/> (an SDK with the vendor's base address,
    /// IHttpClientFactory): whatever scheme, host and port a request names, it reaches this emulator — through
    /// TestServer in memory, through a socket to <see cref="BaseAddress"/> on loopback.
    /// </summary>
    public HttpMessageHandler CreateHandler() => _testServer is { } server ? new NetworkFaultHandler(server.CreateHandler()) : new ToEmulator(BaseAddress);

    /// <summary>
    /// Puts the emulator back as it started: the fake clock at its start time, the scenarios it started
    /// with (scenarios loaded since are removed), every job new with no polls counted, the journal empty.
    /// On the real clock, jobs restart from now.
    /// </summary>
    public Task ResetAsync()
    {
        ResetEmulator();
        return Task.CompletedTask;
    }

    // Sends every request to the loopback emulator, keeping its path and query.
    private sealed class ToEmulator(Uri emulator) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = emulator.Scheme, Host = emulator.Host, Port = emulator.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _setup.Dispose();
        }
    }
}
