using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Server;

/// <summary>What an emulator serves: scenario files and folders, and/or scenarios already loaded.</summary>
public sealed class JobEmulatorOptions
{
    /// <summary>Scenario files and folders (folders: every *.yaml/*.yml beneath) loaded at start-up.</summary>
    public IList<string> ScenarioPaths { get; } = [];

    /// <summary>Scenarios already loaded (for example with <see cref="ScenarioLoader.LoadYaml"/>).</summary>
    public IList<Scenario> Scenarios { get; } = [];

    /// <summary>How many recent requests the journal keeps (0 turns it off). Default <see cref="RequestJournal.DefaultCapacity"/>.</summary>
    public int JournalCapacity { get; set; } = RequestJournal.DefaultCapacity;

    /// <summary>How many jobs one dialect keeps at most, declared and submitted (see <see cref="JobEmulatorEngineOptions.MaxJobsPerDialect"/>).</summary>
    public int MaxJobsPerDialect { get; set; } = JobEmulatorEngineOptions.DefaultMaxJobsPerDialect;

    /// <summary>
    /// The emulator's clock: what its jobs, limits, latencies and webhooks read; null: the system clock. It drives the
    /// emulator only and is never registered as the application's <see cref="System.TimeProvider"/>, so moving it (a
    /// manual clock set far ahead, say) never reaches Kestrel or anything else in the host.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How many webhook attempts run at once and how many may wait (<see cref="Core.Webhooks.WebhookLimits.Default"/>: 64 in flight, 8 per receiver, 10,000 waiting).</summary>
    public Core.Webhooks.WebhookLimits WebhookLimits { get; set; } = Core.Webhooks.WebhookLimits.Default;

    /// <summary>Where webhooks are sent; null: over HTTP.</summary>
    public Core.Webhooks.IWebhookTransport? WebhookTransport { get; set; }
}
