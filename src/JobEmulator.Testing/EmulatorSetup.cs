using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Testing;

/// <summary>
/// What <see cref="EmulatorSetupOptions"/> describe, made: the validated scenarios, the clock and the webhook sink.
/// <see cref="JobEmulatorHost"/> is built from one; so is the WireMock adapter, and so can a host of your own.
/// </summary>
/// <example>
/// <code>
/// using var setup = EmulatorSetup.Create(options);
/// using var engine = new JobEmulatorEngine(setup.Scenarios, setup.Time, setup.Scenarios.Dialects, new RequestJournal(options.JournalCapacity), setup.EngineOptions());
/// // … a test runs …
/// setup.Reset(engine);
/// </code>
/// </example>
public sealed class EmulatorSetup : IDisposable
{
    private readonly int _maxJobsPerDialect;
    private readonly Core.Webhooks.WebhookLimits _webhookLimits;

    private EmulatorSetup(ScenarioSet scenarios, TimeProvider time, EmulatorClock? clock, WebhookSink webhooks, int maxJobsPerDialect, Core.Webhooks.WebhookLimits webhookLimits)
    {
        _webhookLimits = webhookLimits;
        Scenarios = scenarios;
        Time = time;
        Clock = clock;
        Webhooks = webhooks;
        _maxJobsPerDialect = maxJobsPerDialect;
    }

    /// <summary>Every scenario the options named, loaded and validated.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>The clock the engine reads: <see cref="Clock"/>, or the system clock with <c>UseRealClock()</c>.</summary>
    public TimeProvider Time { get; }

    /// <summary>The fake clock, or null with <c>UseRealClock()</c>.</summary>
    public EmulatorClock? Clock { get; }

    /// <summary>The webhook transport the engine sends through, which records every webhook for the test.</summary>
    public WebhookSink Webhooks { get; }

    /// <summary>
    /// Loads and validates the scenarios and makes the clock and webhook sink. Sources that fail are reported
    /// together, each with its file:line:column.
    /// </summary>
    /// <exception cref="ScenarioValidationException">A scenario is invalid.</exception>
    public static EmulatorSetup Create(EmulatorSetupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenarios = options.LoadScenarios();
        var clock = options.RealClock ? null : new EmulatorClock(options.StartTime);
        var webhooks = new WebhookSink(options.CapturingWebhooks ? null : new Core.Webhooks.HttpWebhookTransport(), clock);
        return new EmulatorSetup(scenarios, (TimeProvider?)clock ?? TimeProvider.System, clock, webhooks, options.MaxJobsPerDialect, options.WebhookLimits);
    }

    /// <summary>The engine options that send webhooks through <see cref="Webhooks"/> and keep the options' job limit.</summary>
    public JobEmulatorEngineOptions EngineOptions() => new() { MaxJobsPerDialect = _maxJobsPerDialect, WebhookTransport = Webhooks, WebhookLimits = _webhookLimits };

    /// <summary>
    /// Puts <paramref name="engine"/> back as it started: the fake clock at its start with every timer still armed on
    /// it abandoned, the starting scenarios, no jobs or polls, an empty journal, and no webhooks recorded.
    /// </summary>
    public void Reset(JobEmulatorEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Clock?.Rewind();
        engine.Reset();
        Webhooks.Clear();
    }

    /// <summary>Closes the connections used to deliver webhooks.</summary>
    public void Dispose() => Webhooks.Dispose();
}
