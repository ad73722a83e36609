using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>Options of a standalone emulator server (what <c>jobemu serve</c> runs).</summary>
public sealed class JobEmulatorServerOptions
{
    /// <summary>The address to listen on: an IP literal or <c>localhost</c>. Default 127.0.0.1 (loopback only).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (read it back from the started app's addresses).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Scenario files and folders to load.</summary>
    public IList<string> ScenarioPaths { get; } = [];

    /// <summary>Scenarios already loaded.</summary>
    public IList<Scenario> Scenarios { get; } = [];

    /// <summary>The clock; default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many recent requests the journal keeps (0 turns it off).</summary>
    public int JournalCapacity { get; set; } = RequestJournal.DefaultCapacity;

    /// <summary>How many jobs one dialect keeps at most, declared and submitted (see <see cref="JobEmulatorEngineOptions.MaxJobsPerDialect"/>).</summary>
    public int MaxJobsPerDialect { get; set; } = JobEmulatorEngineOptions.DefaultMaxJobsPerDialect;

    /// <summary>How many webhook attempts run at once and how many may wait (<see cref="Core.Webhooks.WebhookLimits.Default"/>: 64 in flight, 8 per receiver, 10,000 waiting).</summary>
    public Core.Webhooks.WebhookLimits WebhookLimits { get; set; } = Core.Webhooks.WebhookLimits.Default;

    /// <summary>Where webhooks are sent; null: over HTTP.</summary>
    public Core.Webhooks.IWebhookTransport? WebhookTransport { get; set; }

    /// <summary>
    /// Adjusts the web host builder (after Kestrel's listen options, before the emulator's services are
    /// registered), for example <c>UseTestServer()</c> to serve in memory instead of on Kestrel.
    /// </summary>
    public Action<IWebHostBuilder>? ConfigureWebHost { get; set; }

    /// <summary>Log as JSON console lines (<c>--log-format json</c>) instead of one text line per request.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>Reload scenario files as they change (<c>serve --watch</c>).</summary>
    public bool Watch { get; set; }

    /// <summary>The token every admin route but health needs (<c>Authorization: Bearer &lt;token&gt;</c>); null: the admin API is open.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// One line per request (default true): with the default logging, written to standard output in batches off the
    /// request thread; with <see cref="ConfigureLogging"/>, through the <c>JobEmulator.Requests</c> logger. False
    /// keeps only warnings and errors (<c>serve --request-log off</c>).
    /// </summary>
    public bool LogRequests { get; set; } = true;

    /// <summary>Replaces the default logging (one console line per request).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
