using System.Net;
using JobEmulator.Core.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>Builds the standalone emulator: Kestrel, every dialect, the admin API, a helpful 404 and 405 with <c>Allow</c>.</summary>
public static class JobEmulatorApp
{
    /// <summary>
    /// Builds (but does not start) the server. Scenarios are loaded and validated here:
    /// a broken one throws <see cref="Core.Yaml.ScenarioValidationException"/> naming file:line:column.
    /// </summary>
    public static WebApplication Build(JobEmulatorServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        // The scenario files are read on another thread while the host is built (on two cores this halves the time to
        // listening); the engine waits for them when it is first resolved, below, and a broken file throws from there.
        var loading = options.ScenarioPaths.Count > 0
            ? Task.Run(() => new Core.Scenarios.ScenarioLoader { AcceptsEmptyFolders = true }.LoadPaths([.. options.ScenarioPaths]))
            : null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The address is the emulator's own (--host, --port): addresses from the environment (the .NET images set
        // ASPNETCORE_HTTP_PORTS, a user may have ASPNETCORE_URLS) would only make Kestrel warn that it overrides them.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpPortsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpsPortsKey] = string.Empty;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ApplyLimits(kestrel.Limits);
            if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(options.Port);
            }
            else if (IPAddress.TryParse(options.Host, out var address))
            {
                kestrel.Listen(address, options.Port);
            }
            else
            {
                throw new ArgumentException($"--host must be an IP address or 'localhost'; found '{options.Host}'", nameof(options));
            }
        });
        options.ConfigureWebHost?.Invoke(builder.WebHost);
        ConfigureLogging(builder.Logging, options);
        if (options.LogRequests && options.ConfigureLogging is null)
        {
            // The console logger formats and queues on the request thread; the standalone server batches instead.
            builder.Services.AddSingleton(_ => new RequestLogWriter(Console.OpenStandardOutput(), options.JsonLogs));
        }
        if (loading is not null)
        {
            // Registered before AddJobEmulator, whose own loader of the same paths then stands aside. Should the host
            // have been given other dialects, the files are read again with those.
            builder.Services.AddSingleton(provider =>
            {
                var loaded = provider.GetService<Core.Dialects.DialectCatalog>() is { } catalog
                    ? new Core.Scenarios.ScenarioLoader(catalog) { AcceptsEmptyFolders = true }.LoadPaths([.. options.ScenarioPaths])
                    : loading.GetAwaiter().GetResult();
                return Core.Scenarios.ScenarioSet.Create([.. loaded.Scenarios, .. options.Scenarios], loaded.Dialects);
            });
        }

        AdminOpenApi.AddTo(builder.Services);
        builder.Services.AddJobEmulator(o =>
        {
            o.JournalCapacity = options.JournalCapacity;
            o.MaxJobsPerDialect = options.MaxJobsPerDialect;
            o.WebhookTransport = options.WebhookTransport;
            o.TimeProvider = options.TimeProvider;
            o.WebhookLimits = options.WebhookLimits;
            foreach (var path in options.ScenarioPaths)
            {
                o.ScenarioPaths.Add(path);
            }

            foreach (var scenario in options.Scenarios)
            {
                o.Scenarios.Add(scenario);
            }
        });

        var app = builder.Build();
        try
        {
            var engine = app.Services.GetRequiredService<JobEmulatorEngine>();
            var logger = new RequestLines(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(JobEmulatorEndpointRouteBuilderExtensions.RequestLogCategory), app.Services.GetService<RequestLogWriter>());
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => ReportCrash(context, logger.Logger) });
            app.MapJobEmulator();
            app.MapJobEmulatorAdmin(options.AdminToken);
            AdminOpenApi.Map(app);
            if (options.Watch && options.ScenarioPaths.Count > 0)
            {
                var watcher = new ScenarioWatcher(engine, options.ScenarioPaths, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JobEmulator.Watch"));
                app.Lifetime.ApplicationStopping.Register(watcher.Dispose);
            }
            var routes = new KnownRoutes(app, engine);
            app.MapFallback(context => AdminResponses.NoRoute(context, engine, logger, routes));
            return app;
        }
        catch
        {
            // A broken scenario fails here: release the host rather than leak it.
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    /// <summary>
    /// Kestrel's limits, set here on purpose rather than inherited (README "Limits"): what a request line and headers
    /// may be (larger: 414 or 431), how slowly a client may send them or its body, how long an idle connection stays.
    /// Bodies: 30 MB is only Kestrel's backstop. Each operation's documented limit (1 MiB unless the vendor documents
    /// more; DocuRift's and Symbl's uploads raise the backstop for their own request) and the admin API's 1 MiB are
    /// enforced by the emulator's readers while the body streams, with the vendor's 413.
    /// </summary>
    internal static void ApplyLimits(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 8 * 1024;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestBodySize = 30 * 1024 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);
        limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MaxConcurrentConnections = null;
    }

    /// <summary>The address the started <paramref name="app"/> listens on (with the real port when 0 was asked).</summary>
    public static Uri BaseAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The server is not started.");
        return new Uri(first.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, JobEmulatorServerOptions options)
    {
        logging.ClearProviders();
        if (!options.LogRequests)
        {
            logging.AddFilter(JobEmulatorEndpointRouteBuilderExtensions.RequestLogCategory, LogLevel.Warning);
        }

        if (options.ConfigureLogging is { } configure)
        {
            configure(logging);
            return;
        }

        if (options.JsonLogs)
        {
            logging.AddJsonConsole(console =>
            {
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = true;
            });
        }
        logging.AddFilter("Microsoft", LogLevel.Warning);

        // Start-up failures (port in use) are reported once, plainly, by the caller; not as a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }

    // An exception here is an emulator bug, never a scripted answer: say so plainly in the body.
    private static Task ReportCrash(HttpContext context, ILogger logger)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is not null)
        {
            RequestLog.Crashed(logger, error, context.Request.Method, context.Request.Path.Value ?? "/");
        }

        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.Headers["X-JobEmulator-Error"] = "internal";
        return context.Response.WriteAsJsonAsync(
            new EmulatorFailure("JobEmulator failed internally; this is a bug in the emulator, not a scripted fault: " + error?.Message),
            ServerJsonContext.Readable.EmulatorFailure);
    }
}
