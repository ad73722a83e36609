using Xunit;

namespace JobEmulator.Testing;

/// <summary>
/// An emulator shared by a test class (<c>IClassFixture&lt;T&gt;</c>) or a collection
/// (<c>ICollectionFixture&lt;T&gt;</c>). Subclass it and override <see cref="Configure"/> to load scenarios;
/// call <see cref="ResetAsync"/> at the start of each test for a clean clock, jobs and journal. Each fixture
/// owns its emulator, clock and journal, so fixtures running in parallel never see each other's jobs.
/// </summary>
/// <example>
/// <code>
/// public sealed class DocuRiftEmulator : JobEmulatorFixture
/// {
///     protected override void Configure(JobEmulatorHostOptions options) =>
///         options.AddScenarioFile("scenarios/docurift");
/// }
/// </code>
/// </example>
public class JobEmulatorFixture : IAsyncLifetime
{
    private readonly Action<JobEmulatorHostOptions>? _configure;
    private JobEmulatorHost? _emulator;

    /// <summary>A fixture configured by <see cref="Configure"/> (with no override: in memory, no scenarios).</summary>
    public JobEmulatorFixture()
    {
    }

    /// <summary>A fixture configured by <paramref name="configure"/>.</summary>
    public JobEmulatorFixture(Action<JobEmulatorHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>The running emulator.</summary>
    /// <exception cref="InvalidOperationException">Used before xunit started the fixture, or after it was disposed.</exception>
    public JobEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("The JobEmulatorFixture is not running: xunit starts it (InitializeAsync) before the first test that uses it.");

    /// <summary>The emulator's fake clock.</summary>
    public EmulatorClock Clock => Emulator.Clock;

    /// <summary>The emulator's request journal.</summary>
    public Core.Engine.RequestJournal Journal => Emulator.Journal;

    /// <summary>Where the emulator answers (see <see cref="JobEmulatorHost.BaseAddress"/>).</summary>
    public Uri BaseAddress => Emulator.BaseAddress;

    /// <summary>An <see cref="HttpClient"/> to the emulator.</summary>
    public HttpClient CreateClient() => Emulator.CreateClient();

    /// <summary>A handler for code that builds its own <see cref="HttpClient"/> (see <see cref="JobEmulatorHost.CreateHandler"/>).</summary>
    public HttpMessageHandler CreateHandler() => Emulator.CreateHandler();

    /// <summary>Puts the clock, scenarios, jobs and journal back as they were at start.</summary>
    public Task ResetAsync() => Emulator.ResetAsync();

    /// <summary>Starts the emulator; a broken scenario fails here with its file:line:column.</summary>
    public async ValueTask InitializeAsync() =>
        _emulator = await JobEmulatorHost.StartAsync(Configure).ConfigureAwait(false);

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_emulator is { } emulator)
        {
            _emulator = null;
            await emulator.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Configures the emulator before it starts; the default applies the constructor's delegate, if any.</summary>
    protected virtual void Configure(JobEmulatorHostOptions options) => _configure?.Invoke(options);
}
