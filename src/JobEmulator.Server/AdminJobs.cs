using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Server;

/// <summary>The admin API's views of jobs, requests and webhooks, and jobs created from a body.</summary>
internal static class AdminJobs
{
    private static int s_created;

    public static List<JobInfo> List(JobEmulatorEngine engine, string? dialect, string? scenario, string? status) =>
    [
        .. engine.Jobs(dialect).Where(job => (scenario is null || job.Scenario == scenario)
            && (status is null || string.Equals(job.Status.ToString(), status, StringComparison.OrdinalIgnoreCase) || string.Equals(job.Word, status, StringComparison.OrdinalIgnoreCase)))
            .Select(Info),
    ];

    public static JobDetail Detail(JobEmulatorEngine engine, JobSnapshot job)
    {
        var lifecycle = job.Lifecycle.Select(step => new StepInfo(step.Status, step.Word, step.Polls, step.After?.ToString())).ToList();
        var transitions = job.Transitions.Select(t => new TransitionInfo(t.From, t.To, t.At)).ToList();
        var polls = Requests(engine, job.Id, null, null, null).Where(r => string.Equals(r.Dialect, job.Dialect, StringComparison.OrdinalIgnoreCase)).ToList();
        return new JobDetail(Info(job), lifecycle, transitions, polls, Webhooks(engine, job));
    }

    public static List<RequestInfo> Requests(JobEmulatorEngine engine, string? job, string? path, int? status, DateTimeOffset? since) =>
    [
        .. engine.Journal.Snapshot()
            .Where(e => (job is null || e.JobId == job) && (path is null || e.Path.StartsWith(path, StringComparison.Ordinal))
                && (status is null || e.StatusCode == status) && (since is null || e.Time >= since))
            .Select(e => new RequestInfo(e.Sequence, e.Time, e.Method, e.Path, e.Query, e.Dialect, e.JobId, e.Credential, e.StatusCode, e.RetryAfter?.TotalSeconds, e.Status?.ToString().ToLowerInvariant(), e.Outcome, e.Operation?.ToString())),
    ];

    public static List<WebhookAttemptInfo> Webhooks(JobEmulatorEngine engine, JobSnapshot? job) =>
    [
        .. engine.WebhookAttempts
            .Where(a => job is null || (a.JobId == job.Id && a.Dialect == job.Dialect))
            .Select(a => new WebhookAttemptInfo(a.Time, a.Url.OriginalString, a.EventId, a.EventType, a.Dialect, a.JobId, a.Attempt, a.StatusCode, a.Error, a.Delivered, a.NextAttemptAt)),
    ];

    /// <summary>
    /// A scenario holding the one job of <paramref name="text"/> (a job mapping as in a scenario's <c>jobs</c>, in YAML or
    /// JSON) speaking <paramref name="dialect"/>. Errors point into the body.
    /// </summary>
    public static Scenario ScenarioOfOneJob(JobEmulatorEngine engine, string? dialect, string text)
    {
        var number = Interlocked.Increment(ref s_created);
        var source = $"admin-job-{number}.yaml";
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var body = string.Join("\n", lines.Select((line, i) => (i == 0 ? "- " : "  ") + line));
        if (string.IsNullOrWhiteSpace(dialect) || engine.Dialects.Find(dialect) is null)
        {
            throw new ScenarioValidationException([new ScenarioError(source, new SourcePosition(1, 1), $"say which dialect the job speaks in the URL: ?dialect= one of {string.Join(", ", engine.Dialects.Names)}")]);
        }

        var yaml = $"version: 1\nname: admin-job-{number}\ndialect: {dialect}\njobs:\n{body}\n";
        try
        {
            return new ScenarioLoader(engine.Dialects).LoadYaml(yaml, source);
        }
        catch (ScenarioValidationException ex)
        {
            // Back to the body's own lines and columns (four header lines, two columns of indent).
            throw new ScenarioValidationException([.. ex.Errors.Select(e => e.Position.Line > 4
                ? new ScenarioError(e.Source, new SourcePosition(e.Position.Line - 4, Math.Max(1, e.Position.Column - 2)), e.Message)
                : e)]);
        }
    }

    private static JobInfo Info(JobSnapshot job) => new(
        job.Dialect,
        job.Id,
        job.Scenario,
        job.Status.ToString().ToLowerInvariant(),
        job.Word,
        job.Step,
        job.Steps,
        job.Requests,
        job.CreatedAt,
        job.FinishedAt,
        job.SubmittedBy);
}
