using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Testing;

/// <summary>
/// What an in-process emulator serves and on which clock: scenarios from files, YAML strings or
/// <see cref="ScenarioBuilder"/>s (all validated the same way, all errors reported together), the
/// clock's start, and the journal's size.
/// </summary>
public class EmulatorSetupOptions
{
    /// <summary>Where the fake clock starts unless <see cref="StartTime"/> says otherwise: 2025-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStartTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Func<ScenarioLoader, IEnumerable<Scenario>>> _sources = [];
    private readonly List<(string Yaml, string Source)> _dialects = [];
    private readonly List<string> _paths = [];
    private int _inline;
    private int _journalCapacity = DefaultJournalCapacity;

    /// <summary>Where the fake clock starts, and where <c>ResetAsync</c> puts it back. Ignored with <see cref="UseRealClock"/>.</summary>
    public DateTimeOffset StartTime { get; set; } = DefaultStartTime;

    /// <summary>True after <see cref="UseRealClock"/>.</summary>
    public bool RealClock { get; private set; }

    /// <summary>The journal's capacity unless <see cref="JournalCapacity"/> says otherwise: 10,000 requests.</summary>
    public const int DefaultJournalCapacity = 10_000;

    /// <summary>
    /// How many recent requests the journal keeps (older ones are dropped and counted, and assertions that need
    /// the whole history then fail rather than pass); 0 keeps none.
    /// </summary>
    public int JournalCapacity
    {
        get => _journalCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Core.Engine.RequestJournal.MaxCapacity);
            _journalCapacity = value;
        }
    }

    /// <summary>
    /// Runs on the system clock instead of a fake one: for clients that sleep on the wall clock
    /// (<c>Thread.Sleep</c>, <c>Task.Delay</c> without a TimeProvider, another process). Lifecycles then
    /// take real time, so script them with short <c>after</c>s or with <c>polls</c>.
    /// </summary>
    public void UseRealClock() => RealClock = true;

    /// <summary>True when webhooks stay in memory (<see cref="CaptureWebhooks"/>).</summary>
    public bool CapturingWebhooks { get; private set; }

    /// <summary>
    /// Keeps webhooks in memory: nothing is sent over the network, every delivery is answered 200 (or
    /// <see cref="WebhookSink.CapturedStatus"/>), and the test reads them from <c>emulator.Webhooks</c>.
    /// Without it, webhooks go over HTTP to their URLs and are recorded there too.
    /// </summary>
    public void CaptureWebhooks() => CapturingWebhooks = true;

    /// <summary>How many jobs one dialect keeps at most (see <c>JobEmulatorEngineOptions.MaxJobsPerDialect</c>).</summary>
    public int MaxJobsPerDialect { get; set; } = Core.Engine.JobEmulatorEngineOptions.DefaultMaxJobsPerDialect;

    /// <summary>How many webhook attempts run at once and how many may wait (see <c>WebhookLimits.Default</c>: 64, 8 per receiver, 10,000).</summary>
    public Core.Webhooks.WebhookLimits WebhookLimits { get; set; } = Core.Webhooks.WebhookLimits.Default;

    /// <summary>
    /// Loads a scenario file, or every <c>*.yaml</c>/<c>*.yml</c> under a folder. A file whose top level says
    /// <c>kind: dialect</c> is a dialect definition: every one is read before any scenario, so the scenarios of any
    /// source may speak it.
    /// </summary>
    public void AddScenarioFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _paths.Add(path);
        _sources.Add(loader => FromPaths(loader).Scenarios.Where(s => Beneath(s.Source, path)));
    }

    /// <summary>
    /// Adds a dialect definition (<c>kind: dialect</c>) from YAML text, read before any scenario so that scenarios may
    /// speak it; <paramref name="name"/> names it in errors (default <c>inline-dialect-N.yaml</c>).
    /// </summary>
    public void AddDialectYaml(string yaml, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        _dialects.Add((yaml, name ?? $"inline-dialect-{_dialects.Count + 1}.yaml"));
    }

    private ScenarioSet? _fromPaths;

    // Every AddScenarioFile path is loaded at once (their dialect files first); each source then takes its own files' scenarios.
    private ScenarioSet FromPaths(ScenarioLoader loader) => _fromPaths ??= loader.LoadPaths(_paths);

    private static bool Beneath(string source, string path) =>
        string.Equals(Path.GetFullPath(source), Path.GetFullPath(path), StringComparison.Ordinal)
        || Path.GetFullPath(source).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Loads a scenario from YAML text; <paramref name="name"/> names it in errors (default <c>inline-N.yaml</c>).</summary>
    public void AddScenarioYaml(string yaml, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var source = name ?? $"inline-{++_inline}.yaml";
        _sources.Add(loader => [loader.LoadYaml(yaml, source)]);
    }

    /// <summary>Adds a scenario already loaded or built.</summary>
    public void AddScenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _sources.Add(_ => [scenario]);
    }

    /// <summary>Adds the scenario <paramref name="builder"/> describes.</summary>
    public void AddScenario(ScenarioBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _sources.Add(_ => [builder.Build()]);
    }

    /// <summary>Adds a scenario for <paramref name="dialect"/> written with a <see cref="ScenarioBuilder"/>.</summary>
    public void AddScenario(string dialect, Action<ScenarioBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var builder = new ScenarioBuilder(dialect);
        build(builder);
        AddScenario(builder);
    }

    /// <summary>
    /// Loads every source, in the order added. One broken source is rethrown as it is; several are
    /// reported together, so a start-up failure names every file:line:column at once.
    /// </summary>
    /// <exception cref="ScenarioValidationException">A source is invalid.</exception>
    public ScenarioSet LoadScenarios()
    {
        var loader = new ScenarioLoader();
        var scenarios = new List<Scenario>();
        var failures = new List<ScenarioValidationException>();
        _fromPaths = null;
        foreach (var (yaml, source) in _dialects)
        {
            try
            {
                loader.LoadDialectYaml(yaml, source);
            }
            catch (ScenarioValidationException ex)
            {
                failures.Add(ex);
            }
        }

        if (_paths.Count > 0)
        {
            try
            {
                FromPaths(loader);
            }
            catch (ScenarioValidationException ex)
            {
                // Reported once here; the sources that would take their scenarios from it are skipped.
                failures.Add(ex);
                _fromPaths = ScenarioSet.Empty;
            }
        }

        foreach (var source in _sources)
        {
            try
            {
                scenarios.AddRange(source(loader));
            }
            catch (ScenarioValidationException ex)
            {
                failures.Add(ex);
            }
        }

        return failures.Count switch
        {
            0 => ScenarioSet.Create(scenarios, loader.Dialects),
            1 => throw failures[0],
            _ => throw new ScenarioValidationException([.. failures.SelectMany(f => f.Errors)]),
        };
    }
}
