using JobEmulator.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JobEmulator.Server.Tests;

/// <summary>The standalone server on a free loopback port, serving the bundled scenarios on a fake clock.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, CollectingLoggerProvider logs, FakeTimeProvider clock)
    {
        _app = app;
        Logs = logs;
        Clock = clock;
        BaseAddress = JobEmulatorApp.BaseAddress(app);
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CollectingLoggerProvider Logs { get; }

    public FakeTimeProvider Clock { get; }

    public Core.Engine.JobEmulatorEngine Engine => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Core.Engine.JobEmulatorEngine>(_app.Services);

    public static async Task<RunningServer> StartAsync(params string[] scenarioPaths)
    {
        var logs = new CollectingLoggerProvider();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 27, 10, 30, 0, TimeSpan.Zero));
        var options = new JobEmulatorServerOptions
        {
            Port = 0,
            TimeProvider = clock,
            ConfigureLogging = logging => logging.AddProvider(logs).AddFilter("Microsoft", LogLevel.Warning),
        };
        foreach (var path in scenarioPaths.Length == 0 ? [RepositoryPaths.Scenarios] : scenarioPaths)
        {
            options.ScenarioPaths.Add(path);
        }

        var app = JobEmulatorApp.Build(options);
        await app.StartAsync();
        return new RunningServer(app, logs, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
