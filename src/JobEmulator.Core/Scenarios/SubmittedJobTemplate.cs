using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// What a job that a client submits at run time does: one entry of a scenario's <c>submitted_jobs</c>. The
/// first template whose <see cref="Nth"/> and <see cref="Matches"/> fit the submission wins.
/// </summary>
internal sealed class SubmittedJobTemplate
{
    /// <summary>Creates a validated template (see <see cref="ScenarioLoader"/>).</summary>
    public SubmittedJobTemplate(int? nth, IReadOnlyDictionary<string, string> matches, IReadOnlyList<LifecycleStep> lifecycle, IReadOnlyList<FaultRule> faults, IReadOnlyDictionary<int, JsonFragment> fields, SourcePosition position, Latency? latency = null)
    {
        Latency = latency;
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(fields);
        Nth = nth;
        Matches = matches;
        Lifecycle = lifecycle;
        Faults = faults;
        Fields = fields;
        Position = position;
    }

    /// <summary>
    /// The lifecycle a submitted job follows when the scenario scripts none: queued for 1 s, running for 3 s,
    /// then completed.
    /// </summary>
    public static SubmittedJobTemplate Default { get; } = new(
        null,
        new Dictionary<string, string>(),
        [
            new LifecycleStep(JobStatus.Queued, null, TimeSpan.FromSeconds(1), null, null, null),
            new LifecycleStep(JobStatus.Running, null, TimeSpan.FromSeconds(3), null, null, null),
            new LifecycleStep(JobStatus.Completed, null, null, null, null, null),
        ],
        [],
        new Dictionary<int, JsonFragment>(),
        default);

    /// <summary>How long the emulator takes to answer polls of the jobs this template makes (<c>latency:</c>); null: the scenario's.</summary>
    public Latency? Latency { get; }

    /// <summary>Matches only the Nth submission to the scenario (1-based), when set.</summary>
    public int? Nth { get; }

    /// <summary>Submission fields that must equal these values (ignoring case), by <see cref="SubmissionField.Key"/>.</summary>
    public IReadOnlyDictionary<string, string> Matches { get; }

    /// <summary>The steps the job follows; the last is terminal.</summary>
    public IReadOnlyList<LifecycleStep> Lifecycle { get; }

    /// <summary>Faults keyed by the job's status request number.</summary>
    public IReadOnlyList<FaultRule> Faults { get; }

    /// <summary>Job fields the template scripts, by index in the dialect's <c>JobFields</c>.</summary>
    public IReadOnlyDictionary<int, JsonFragment> Fields { get; }

    /// <summary>Where the template was written.</summary>
    public SourcePosition Position { get; }

    /// <summary>True when <paramref name="submission"/>, the <paramref name="number"/>-th to the scenario, fits this template.</summary>
    public bool Fits(int number, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (Nth is { } nth && nth != number)
        {
            return false;
        }

        foreach (var (key, expected) in Matches)
        {
            if (!submission.Values.TryGetValue(key, out var actual) || !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
