using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Scenarios;

/// <summary>A validated scenario: one dialect's jobs, their credentials and retention.</summary>
public sealed class Scenario
{
    /// <summary>Creates a validated scenario (see <see cref="ScenarioLoader"/>).</summary>
    public Scenario(string name, string source, Dialect dialect, int seed, ScenarioAuth auth, IReadOnlyList<JobScript> jobs, TimeSpan? retention)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(jobs);
        Name = name;
        Source = source;
        Dialect = dialect;
        Seed = seed;
        Auth = auth;
        Jobs = jobs;
        Retention = retention;
    }

    /// <summary>The scenario's name (<c>name:</c>, else the file name).</summary>
    public string Name { get; }

    /// <summary>The file path or in-memory source name it was loaded from.</summary>
    public string Source { get; }

    /// <summary>The vendor API the jobs speak.</summary>
    public Dialect Dialect { get; }

    /// <summary>The seed every generated value is drawn from.</summary>
    public int Seed { get; }

    /// <summary>Which credentials open the jobs.</summary>
    public ScenarioAuth Auth { get; }

    /// <summary>The jobs that exist from the start.</summary>
    public IReadOnlyList<JobScript> Jobs { get; }

    /// <summary>How long a terminal job stays readable before it answers 404; null keeps it forever.</summary>
    public TimeSpan? Retention { get; }
}
