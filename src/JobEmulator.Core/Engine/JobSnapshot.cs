using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>
/// One job as it stood when it was read (<see cref="JobEmulatorEngine.Jobs"/>, <see cref="JobEmulatorEngine.Job"/>):
/// where it is in its script, in its dialect's own words, and how it got there. Reading it does not count as a poll.
/// </summary>
public sealed class JobSnapshot
{
    private readonly JobRuntime _job;

    internal JobSnapshot(JobRuntime job, DateTimeOffset now)
    {
        _job = job;
        var view = job.Peek(now);
        var dialect = job.Scenario.Dialect;
        Dialect = dialect.Name;
        Id = job.Script.Id;
        Scenario = job.Scenario.Name;
        Status = view.Status;
        Word = dialect.WordTextOf(view);
        Step = job.StepAt(now) + 1;
        Steps = job.Script.Lifecycle.Count;
        Requests = job.Requests;
        CreatedAt = job.CreatedAt;
        FinishedAt = view.FinishedAt;
        SubmittedBy = job.Origin.Credential;
    }

    /// <summary>The dialect the job speaks.</summary>
    public string Dialect { get; }

    /// <summary>The job's id, as its dialect's clients see it.</summary>
    public string Id { get; }

    /// <summary>The name of the scenario that declared it, or whose template a submission made it from.</summary>
    public string Scenario { get; }

    /// <summary>Where it is: queued, running, completed or failed.</summary>
    public JobStatus Status { get; }

    /// <summary>The status word its dialect answers with now (a step's own <c>word</c> where the script gives one).</summary>
    public string Word { get; }

    /// <summary>The step of its lifecycle it is in, counted from 1.</summary>
    public int Step { get; }

    /// <summary>How many steps its lifecycle has.</summary>
    public int Steps { get; }

    /// <summary>How many requests have asked about it.</summary>
    public int Requests { get; }

    /// <summary>When it was created (declared jobs: when their scenario was loaded), on the emulator's clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it completed or failed, or null while it has not.</summary>
    public DateTimeOffset? FinishedAt { get; }

    /// <summary>The credential that submitted it, or null for a job a scenario declared.</summary>
    public string? SubmittedBy { get; }

    /// <summary>Its scripted steps, in order, each as its dialect's status word, the step's own word, and when it ends.</summary>
    public IReadOnlyList<(string Status, string? Word, int? Polls, TimeSpan? After)> Lifecycle
    {
        get
        {
            var words = _job.Scenario.Dialect.StatusWords;
            return [.. _job.Script.Lifecycle.Select(step => (words[step.Status], step.Word, step.Polls, step.After))];
        }
    }

    /// <summary>Every step change it made, oldest first, in its dialect's status words, on the emulator's clock.</summary>
    public IReadOnlyList<(string From, string To, DateTimeOffset At)> Transitions
    {
        get
        {
            var words = _job.Scenario.Dialect.StatusWords;
            return [.. _job.History.Select(change => (words[change.From], words[change.To], change.At))];
        }
    }
}
