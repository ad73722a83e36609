using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// One live job. Its status is derived from (script, poll count, clock): nothing ticks in the
/// background; each poll first catches the lifecycle up with the clock, then counts itself. A lock
/// per job (never one around all jobs) keeps poll counts exact under concurrent polling.
/// </summary>
public sealed class JobRuntime
{
    private readonly Lock _gate = new();
    private int _requests;
    private int _stepIndex;
    private int _stepPolls;
    private int _lastProgress;
    private DateTimeOffset _stepStartedAt;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;

    /// <summary>Creates the job as of <paramref name="createdAt"/>, in its first step.</summary>
    public JobRuntime(JobScript script, Scenario scenario, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(scenario);
        Script = script;
        Scenario = scenario;
        CreatedAt = createdAt;
        Enter(0, createdAt);
    }

    /// <summary>The job's script.</summary>
    public JobScript Script { get; }

    /// <summary>The scenario the job belongs to (its credentials and retention).</summary>
    public Scenario Scenario { get; }

    /// <summary>When the job was created on the emulator clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Answers one status poll at <paramref name="now"/>, counting it exactly once.</summary>
    public PollOutcome Poll(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            var request = ++_requests;
            if (Script.FaultFor(request) is { } fault)
            {
                return new PollOutcome(PollOutcomeKind.Fault, default, fault, request);
            }

            if (_finishedAt is { } finished && Scenario.Retention is { } retention && now - finished >= retention)
            {
                return new PollOutcome(PollOutcomeKind.Expired, default, null, request);
            }

            _stepPolls++;
            var view = View(now);
            _lastProgress = view.Progress;
            var step = Script.Lifecycle[_stepIndex];
            if (!step.IsTerminal && step.Polls is { } polls && _stepPolls >= polls)
            {
                Enter(_stepIndex + 1, now);
            }

            return new PollOutcome(PollOutcomeKind.Status, view, null, request);
        }
    }

    // Leave every timed step whose time is up, each at the exact instant its 'after' expired.
    private void CatchUp(DateTimeOffset now)
    {
        while (Script.Lifecycle[_stepIndex] is { IsTerminal: false, After: { } after } && now - _stepStartedAt >= after)
        {
            Enter(_stepIndex + 1, _stepStartedAt + after);
        }
    }

    private void Enter(int index, DateTimeOffset at)
    {
        // A job that fails keeps the progress it had reached; a scripted list counts as reached
        // up to the polls the step actually answered, even if none were seen after the last poll.
        if (index > 0 && Script.Lifecycle[index - 1].Progress is { Count: > 0 } reached)
        {
            _lastProgress = reached[Math.Clamp(_stepPolls, 1, reached.Count) - 1];
        }

        _stepIndex = index;
        _stepPolls = 0;
        _stepStartedAt = at;
        var status = Script.Lifecycle[index].Status;
        if (status != JobStatus.Queued)
        {
            _startedAt ??= at;
        }

        if (Script.Lifecycle[index].IsTerminal)
        {
            _finishedAt = at;
        }
    }

    private JobView View(DateTimeOffset now)
    {
        var step = Script.Lifecycle[_stepIndex];
        JsonFragment? result = step.Status == JobStatus.Completed ? step.Result ?? Script.GeneratedResult : null;
        ScriptedError? error = step.Status == JobStatus.Failed ? step.Error ?? DefaultError : null;
        return new JobView(
            Script.Id,
            step.Status,
            Progress(step, now),
            CreatedAt,
            _stepStartedAt,
            _startedAt,
            _finishedAt,
            result,
            error,
            Script.Fields);
    }

    private static readonly ScriptedError DefaultError = new(null, null, null);

    // Scripted progress is per poll within the step (the last value repeats); otherwise queued is 0,
    // completed 100, failed keeps the last progress shown, and running advances with time and polls.
    private int Progress(LifecycleStep step, DateTimeOffset now)
    {
        if (step.Progress is { Count: > 0 } scripted)
        {
            return scripted[Math.Min(_stepPolls, scripted.Count) - 1];
        }

        switch (step.Status)
        {
            case JobStatus.Queued:
                return 0;
            case JobStatus.Completed:
                return 100;
            case JobStatus.Failed:
                return _lastProgress;
        }

        var fraction = 0d;
        if (step.After is { } after)
        {
            fraction = (now - _stepStartedAt) / after;
        }

        if (step.Polls is { } polls)
        {
            fraction = Math.Max(fraction, _stepPolls / (double)(polls + 1));
        }

        var floor = Math.Min(99, Math.Max(1, _lastProgress));
        return Math.Clamp((int)(fraction * 100), floor, 99);
    }
}
