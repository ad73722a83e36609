using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Server;

/// <summary>The admin API's views of jobs, requests and webhooks, and jobs created from a body.</summary>
internal static class AdminJobs
{
    private static int s_created;

    public static List<JobInfo> List(JobEmulatorEngine engine, string? dialect, string? scenario, string? status)
    {
        var now = engine.Time.GetUtcNow();
        var jobs = new List<JobInfo>();
        foreach (var d in engine.Dialects.All)
        {
            if (dialect is not null && !string.Equals(d.Name, dialect, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var job in engine.JobsOf(d))
            {
                var info = Info(job, now);
                if ((scenario is null || job.Scenario.Name == scenario)
                    && (status is null || string.Equals(info.Status, status, StringComparison.OrdinalIgnoreCase) || string.Equals(info.Word, status, StringComparison.OrdinalIgnoreCase)))
                {
                    jobs.Add(info);
                }
            }
        }

        jobs.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return jobs;
    }

    public static JobRuntime? Find(JobEmulatorEngine engine, string dialect, string id) =>
        engine.Dialects.Find(dialect) is { } d ? engine.FindJob(d, id) : null;

    public static JobDetail Detail(JobEmulatorEngine engine, JobRuntime job)
    {
        var words = job.Scenario.Dialect.StatusWords;
        var lifecycle = job.Script.Lifecycle.Select(step => new StepInfo(words[step.Status], step.Word, step.Polls, step.After?.ToString())).ToList();
        var transitions = job.History.Select(t => new TransitionInfo(words[t.From], words[t.To], t.At)).ToList();
        var polls = Requests(engine, job.Script.Id, null, null, null).Where(r => string.Equals(r.Dialect, job.Scenario.Dialect.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return new JobDetail(Info(job, engine.Time.GetUtcNow()), lifecycle, transitions, polls, Webhooks(engine, job));
    }

    public static List<RequestInfo> Requests(JobEmulatorEngine engine, string? job, string? path, int? status, DateTimeOffset? since) =>
    [
        .. engine.Journal.Snapshot()
            .Where(e => (job is null || e.JobId == job) && (path is null || e.Path.StartsWith(path, StringComparison.Ordinal))
                && (status is null || e.StatusCode == status) && (since is null || e.Time >= since))
            .Select(e => new RequestInfo(e.Sequence, e.Time, e.Method, e.Path, e.Query, e.Dialect, e.JobId, e.Credential, e.StatusCode, e.RetryAfter?.TotalSeconds, e.Status?.ToString().ToLowerInvariant(), e.Outcome, e.Operation?.ToString())),
    ];

    public static List<WebhookAttemptInfo> Webhooks(JobEmulatorEngine engine, JobRuntime? job) =>
    [
        .. engine.Webhooks.Attempts
            .Where(a => job is null || (a.JobId == job.Script.Id && a.Dialect == job.Scenario.Dialect.Name))
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
                ? e with { Position = new SourcePosition(e.Position.Line - 4, Math.Max(1, e.Position.Column - 2)) }
                : e)]);
        }
    }

    private static JobInfo Info(JobRuntime job, DateTimeOffset now)
    {
        var view = job.Peek(now);
        return new JobInfo(
            job.Scenario.Dialect.Name,
            job.Script.Id,
            job.Scenario.Name,
            view.Status.ToString().ToLowerInvariant(),
            job.Scenario.Dialect.WordTextOf(view),
            job.StepAt(now) + 1,
            job.Script.Lifecycle.Count,
            job.Requests,
            job.CreatedAt,
            view.FinishedAt,
            job.Origin.Credential);
    }
}
