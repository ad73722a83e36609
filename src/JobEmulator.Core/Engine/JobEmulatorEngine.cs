using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Scheduling;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The emulator's state, on one injected clock: an immutable <em>catalog</em> of the loaded scenarios, and
/// long-lived <em>stores</em> for what exists at run time (each dialect's jobs, declared and submitted; the
/// submission counters; webhook subscriptions are kept by their own registry). Reads are lock-free: a lookup
/// reads the current catalog and the store; each job guards only itself.
/// </summary>
/// <remarks>
/// <para>What <see cref="Load"/> and <see cref="Reset"/> keep and drop:</para>
/// <list type="table">
/// <listheader><term>state</term><description><c>Load(scenario)</c> / <c>Reset()</c></description></listheader>
/// <item><term>scenarios (catalog)</term><description>adds the scenario / back to those given at start</description></item>
/// <item><term>declared jobs</term><description>the new scenario's jobs start now, running ones keep polls and progress / all start again now</description></item>
/// <item><term>submitted jobs</term><description>kept / dropped</description></item>
/// <item><term>submission counters (<c>nth</c>, generated ids)</term><description>kept / back to zero</description></item>
/// <item><term>webhook subscriptions and the delivery log</term><description>kept / dropped</description></item>
/// <item><term>scheduled emulator work (deliveries, retries, timed transitions)</term><description>kept / dropped, work in flight cancelled</description></item>
/// <item><term>request journal</term><description>kept / emptied</description></item>
/// <item><term>clock</term><description>untouched / untouched (a test host rewinds its fake clock itself)</description></item>
/// </list>
/// <para>A job submitted while a <c>Load</c> runs is never lost (the store is not rebuilt); one submitted while
/// a <c>Reset</c> runs lands on one side of it: kept if after, dropped with the rest if before.</para>
/// </remarks>
public sealed partial class JobEmulatorEngine : IDisposable
{
    private readonly Lock _writeGate = new();
    private ScenarioSet _initial;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Scenario> _implicit = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpWebhookTransport? _ownedTransport;
    private IJobObserver[] _observers;
    private EngineCatalog _catalog;
    private EngineStores _stores;

    /// <summary>Creates the engine with the jobs of <paramref name="scenarios"/>, created now on <paramref name="time"/>.</summary>
    /// <param name="scenarios">The scenarios loaded at start; <see cref="Reset"/> returns to exactly these.</param>
    /// <param name="time">The clock every lifecycle reads.</param>
    /// <param name="dialects">The dialects served (default: the scenarios', <see cref="ScenarioSet.Dialects"/>: the built-in ones and any defined in the files loaded with them).</param>
    /// <param name="journal">Where answered requests are recorded (default: the last <see cref="RequestJournal.DefaultCapacity"/>).</param>
    /// <param name="options">Limits (default: <see cref="JobEmulatorEngineOptions"/>'s defaults).</param>
    public JobEmulatorEngine(ScenarioSet scenarios, TimeProvider time, DialectCatalog? dialects = null, RequestJournal? journal = null, JobEmulatorEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _dialects = dialects ?? scenarios.Dialects;
        Journal = journal ?? new RequestJournal();
        Options = options ?? new JobEmulatorEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxJobsPerDialect, 1, nameof(options));
        foreach (var scenario in scenarios.Scenarios)
        {
            EnsureServed(scenario, nameof(scenarios));
        }

        _initial = scenarios;
        _catalog = EngineCatalog.Create(Dialects, scenarios, time.GetUtcNow());
        _stores = new EngineStores(Dialects, Options.MaxJobsPerDialect);
        Scheduler = new EmulatorScheduler(time);
        _ownedTransport = Options.WebhookTransport is null ? new HttpWebhookTransport() : null;
        Webhooks = new WebhookDeliveries(this, Options.WebhookTransport ?? _ownedTransport!, Options.WebhookLimits.Validate(), Options.Warnings);
        _observers = [Webhooks];
        AddDeclaredJobs(_stores, scenarios.Scenarios, time.GetUtcNow());
    }

    /// <summary>The clock every lifecycle reads.</summary>
    public TimeProvider Time { get; }


    /// <summary>The requests answered, most recent last.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The limits the engine runs with.</summary>
    public JobEmulatorEngineOptions Options { get; }

    /// <summary>Webhook deliveries: every attempt, and the endpoints clients registered.</summary>
    internal WebhookDeliveries Webhooks { get; }

    /// <summary>
    /// Every webhook attempt made, oldest first (at most <see cref="WebhookDeliveries.LogCapacity"/>): when on the
    /// emulator's clock, to which URL, which event, which attempt, and its status or error.
    /// </summary>
    public IReadOnlyList<WebhookAttempt> WebhookAttempts => Webhooks.Attempts;

    /// <summary>Where everything the emulator does by itself waits for its instant.</summary>
    public EmulatorScheduler Scheduler { get; }

    /// <summary>The scenarios loaded now: those given at start plus any <see cref="Load"/>ed since the last reset.</summary>
    public ScenarioSet Scenarios => Volatile.Read(ref _catalog).Scenarios;

    /// <summary>How many jobs exist across all dialects.</summary>
    public int JobCount => Volatile.Read(ref _stores).JobCount;

    /// <summary>The job <paramref name="id"/> of <paramref name="dialect"/>, or null.</summary>
    internal JobRuntime? FindJob(Dialect dialect, string id)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return Volatile.Read(ref _stores).Jobs(dialect)?.Find(id);
    }

    /// <summary>Every live job of <paramref name="dialect"/>, in no particular order.</summary>
    internal IEnumerable<JobRuntime> JobsOf(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Volatile.Read(ref _stores).Jobs(dialect)?.Jobs ?? [];
    }

    /// <summary>Answers one status poll of <paramref name="job"/> at <paramref name="now"/>, counting it exactly once, and announces any transition it caused.</summary>
    internal PollOutcome Poll(JobRuntime job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outcome = job.Poll(now);
        if (job.HasTransitions)
        {
            Announce(job);
        }

        return outcome;
    }

    /// <summary>
    /// Returns to the scenarios given at start, every declared job new again (created now on the clock, no polls
    /// counted); drops submitted jobs, submission counters and scheduled work, and empties the journal.
    /// </summary>
    public void Reset() => StartOver(() => _initial);

    /// <summary>
    /// Starts every loaded scenario again without unloading any (what <c>POST /__admin/reset</c> does): every declared
    /// job new, created now, and the scenarios' key expiries counted from now; like <see cref="Reset"/>, it drops
    /// submitted jobs, counters, tokens, webhook endpoints, scheduled work and the journal.
    /// </summary>
    public void Restart() => StartOver(() => _catalog.Scenarios);

    // Reset and Restart: the given scenarios, every declared job new as of now, and nothing clients created.
    private void StartOver(Func<ScenarioSet> scenarios)
    {
        lock (_writeGate)
        {
            // New stores first, then drop the old ones' scheduled work: anything of theirs that still runs finds
            // its job no longer current (IsCurrent) and announces nothing.
            var set = scenarios();
            var now = Time.GetUtcNow();
            var stores = new EngineStores(Dialects, Options.MaxJobsPerDialect);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, set, now));
            Volatile.Write(ref _stores, stores);
            Scheduler.Clear();
            AddDeclaredJobs(stores, set.Scenarios, now);
            Webhooks.Clear();
            Journal.Clear();
        }
    }

    /// <summary>Stops the scheduler (nothing scheduled runs after this) and closes the webhook connections the engine owns.</summary>
    public void Dispose()
    {
        Scheduler.Dispose();
        _ownedTransport?.Dispose();
    }

    internal EngineStores Stores => Volatile.Read(ref _stores);

    internal EngineCatalog Catalog => Volatile.Read(ref _catalog);
}
