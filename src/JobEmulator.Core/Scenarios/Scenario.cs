using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Scenarios;

/// <summary>A validated scenario: one dialect's jobs, what submitted jobs do, their credentials and retention.</summary>
public sealed class Scenario
{
    /// <summary>Creates a validated scenario (see <see cref="ScenarioLoader"/>).</summary>
    internal Scenario(string name, string source, Dialect dialect, int seed, ScenarioAuth auth, IReadOnlyList<JobScript> jobs, TimeSpan? retention, IReadOnlyList<SubmittedJobTemplate>? submittedJobs = null, WebhookPolicy? webhooks = null, ScenarioLimits? limits = null, LatencyPlan? latency = null)
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
        DeclaresSubmissions = submittedJobs is { Count: > 0 };
        SubmittedJobs = DeclaresSubmissions ? submittedJobs! : [SubmittedJobTemplate.Default];
        Webhooks = webhooks ?? dialect.WebhookDefaults ?? WebhookPolicy.Default;
        Limits = limits ?? ScenarioLimits.None;
        Latency = latency ?? LatencyPlan.None;
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
    internal IReadOnlyList<JobScript> Jobs { get; }

    /// <summary>The ids of the jobs it declares (its <c>jobs</c>), in the file's order.</summary>
    public IReadOnlyList<string> JobIds => [.. Jobs.Select(job => job.Id)];

    /// <summary>How many <c>submitted_jobs</c> templates it declares (none: it takes no submissions of its own).</summary>
    public int SubmittedJobTemplates => DeclaresSubmissions ? SubmittedJobs.Count : 0;

    /// <summary>What jobs submitted at run time do, first fit wins; <see cref="SubmittedJobTemplate.Default"/> when the scenario scripts none.</summary>
    internal IReadOnlyList<SubmittedJobTemplate> SubmittedJobs { get; }

    /// <summary>
    /// True when the scenario declares <c>submitted_jobs</c>. Only such scenarios take submissions; a scenario that
    /// declares none only opens the jobs it declares (and its keys may still submit, see the engine's routing rule).
    /// </summary>
    public bool DeclaresSubmissions { get; }

    /// <summary>The template for the <paramref name="number"/>-th submission: the first that fits, else null.</summary>
    internal SubmittedJobTemplate? TemplateFor(int number, Dialects.Submissions.Submission submission)
    {
        foreach (var template in SubmittedJobs)
        {
            if (template.Fits(number, submission))
            {
                return template;
            }
        }

        return null;
    }

    /// <summary>How long the emulator takes to answer, per kind of operation (<c>latency:</c>).</summary>
    internal LatencyPlan Latency { get; }

    /// <summary>The scenario's rate limit and concurrent-job limit, if any.</summary>
    internal ScenarioLimits Limits { get; }

    /// <summary>How the scenario's webhooks are delivered (<c>webhooks: { timeout, retry }</c>).</summary>
    internal WebhookPolicy Webhooks { get; }

    /// <summary>How long a terminal job stays readable before it answers 404; null keeps it forever.</summary>
    internal TimeSpan? Retention { get; }
}
