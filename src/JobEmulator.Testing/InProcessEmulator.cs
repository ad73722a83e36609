using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Testing;

/// <summary>
/// What a JobEmulator running inside a test offers however it is hosted — <see cref="JobEmulatorHost"/> in memory or
/// on a loopback port, or the WireMock adapter inside a WireMock server: its engine, request journal, webhooks and
/// clock, and scenarios loaded beside the ones it started with.
/// </summary>
public abstract class InProcessEmulator
{
    private readonly EmulatorSetup _setup;

    /// <summary>An emulator of <paramref name="engine"/>, set up by <paramref name="setup"/> (its clock, webhooks and starting scenarios).</summary>
    protected InProcessEmulator(JobEmulatorEngine engine, EmulatorSetup setup)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(setup);
        Engine = engine;
        _setup = setup;
    }

    /// <summary>The engine: loaded scenarios and live jobs (<see cref="JobEmulatorEngine.Jobs"/>, <see cref="JobEmulatorEngine.WebhookAttempts"/>).</summary>
    public JobEmulatorEngine Engine { get; }

    /// <summary>The fake clock the emulator runs on. Not available with <c>UseRealClock()</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator runs on the real clock.</exception>
    public EmulatorClock Clock => _setup.Clock ?? throw new InvalidOperationException("This emulator runs on the real clock (UseRealClock()); there is no fake clock to advance.");

    /// <summary>The clock the emulator reads: <see cref="Clock"/>, or the system clock.</summary>
    public TimeProvider Time => Engine.Time;

    /// <summary>Every request answered, oldest first, bounded by <c>JournalCapacity</c>. Assert on it with <c>Journal.Should()</c>.</summary>
    public RequestJournal Journal => Engine.Journal;

    /// <summary>Every webhook the emulator sent (over HTTP by default, in memory with <c>CaptureWebhooks()</c>); every attempt is also in <see cref="JobEmulatorEngine.WebhookAttempts"/>.</summary>
    public WebhookSink Webhooks => _setup.Webhooks;

    /// <summary>Adds a scenario's jobs beside those running (a test's own jobs on a shared emulator); a reset removes it.</summary>
    /// <exception cref="ScenarioValidationException">A job id is already used in the scenario's dialect.</exception>
    public void LoadScenario(Scenario scenario) => Engine.Load(scenario);

    /// <summary>Builds and adds the scenario <paramref name="builder"/> describes.</summary>
    public void LoadScenario(ScenarioBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Engine.Load(builder.Build(Engine.Dialects));
    }

    /// <summary>Reads and adds a scenario from YAML text, in any dialect the emulator serves.</summary>
    /// <exception cref="ScenarioValidationException">The YAML is not a valid scenario; the message names each line and column.</exception>
    public void LoadScenarioYaml(string yaml, string name = "inline.yaml") => Engine.Load(new ScenarioLoader(Engine.Dialects).LoadYaml(yaml, name));

    /// <summary>
    /// Puts the emulator back as it started: the fake clock at its start time, the scenarios it started with
    /// (scenarios loaded since are removed), every job new with no polls counted, the journal empty, no webhooks held.
    /// On the real clock, jobs restart from now.
    /// </summary>
    protected void ResetEmulator() => _setup.Reset(Engine);
}
