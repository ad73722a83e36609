using JobEmulator.Core.Dialects;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JobEmulator.Server;

/// <summary>Registers JobEmulator's engine in a service collection.</summary>
public static class JobEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the emulator: scenarios from <paramref name="configure"/>, the five built-in dialects and any defined in its
    /// scenario paths (<c>kind: dialect</c> files; a <see cref="DialectCatalog"/> registered beforehand replaces the built-in ones), and the clock
    /// (<see cref="JobEmulatorOptions.TimeProvider"/>, else the system clock; the application's own
    /// <see cref="TimeProvider"/> registration is neither read nor added). Scenarios are loaded and
    /// validated when the engine is first resolved; <see cref="ScenarioValidationException"/> names file:line:column.
    /// </summary>
    public static IServiceCollection AddJobEmulator(this IServiceCollection services, Action<JobEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobEmulatorOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<JobEmulatorOptions>>().Value;
            var loader = new ScenarioLoader(provider.GetService<DialectCatalog>());
            var fromPaths = options.ScenarioPaths.Count > 0 ? loader.LoadPaths(options.ScenarioPaths).Scenarios : [];
            return ScenarioSet.Create([.. fromPaths, .. options.Scenarios], loader.Dialects);
        });
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<JobEmulatorOptions>>().Value;
            return new JobEmulatorEngine(
                provider.GetRequiredService<ScenarioSet>(),
                options.TimeProvider ?? TimeProvider.System,
                provider.GetService<DialectCatalog>(),
                new RequestJournal(options.JournalCapacity),
                new JobEmulatorEngineOptions
                {
                    MaxJobsPerDialect = options.MaxJobsPerDialect,
                    WebhookTransport = options.WebhookTransport,
                    WebhookLimits = options.WebhookLimits,
                    Warnings = provider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()?.CreateLogger("JobEmulator.Webhooks") is { } logger ? message => WebhookLog.Warning(logger, message) : null,
                });
        });
        services.TryAddSingleton(provider => new OperationDispatcher(provider.GetRequiredService<JobEmulatorEngine>()));
        return services;
    }
}
