using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

// Moving through the script: catching up with the clock, entering a step, by hand or by cancelling, and the view it gives.
internal sealed partial class JobRuntime
{
    /// <summary>
    /// Moves the job on by hand at <paramref name="now"/>: to its next step, or to the first later step whose status is
    /// <paramref name="to"/>. False when the job is finished or has no such later step.
    /// </summary>
    public bool ForceAdvance(DateTimeOffset now, JobStatus? to = null)
    {
        lock (_gate)
        {
            CatchUp(now);
            for (var next = _stepIndex + 1; next < Script.Lifecycle.Count; next++)
            {
                if (to is null || Script.Lifecycle[next].Status == to)
                {
                    Enter(next, now);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Cancels the job at <paramref name="now"/>: the steps it has not reached give way to <paramref name="steps"/> (the
    /// dialect's cancelling step, if any, then its terminal cancelled step), and it enters the first of them now. False
    /// when the job has already finished.
    /// </summary>
    internal bool Cancel(DateTimeOffset now, IReadOnlyList<LifecycleStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || !steps[^1].IsTerminal)
        {
            throw new ArgumentException("A cancel ends in a terminal step.", nameof(steps));
        }

        lock (_gate)
        {
            CatchUp(now);
            if (Script.Lifecycle[_stepIndex].IsTerminal)
            {
                return false;
            }

            // The steps so far stay (their indexes and history hold); the rest is replaced.
            Script = Script.WithLifecycle([.. Script.Lifecycle.Take(_stepIndex + 1), .. steps]);
            Enter(_stepIndex + 1, now);
            return true;
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

        var from = Script.Lifecycle[_stepIndex].Status;
        _stepIndex = index;
        _stepPolls = 0;
        _stepStartedAt = at;
        var status = Script.Lifecycle[index].Status;
        if (status != JobStatus.Queued)
        {
            if (_startedTicks == 0)
            {
                _startedTicks = at.UtcTicks;
            }
        }

        if (Script.Lifecycle[index].IsTerminal)
        {
            Interlocked.Increment(ref s_finishes);
            _finishedTicks = at.UtcTicks;
        }

        if (index > 0)
        {
            if (_keepsTransitions)
            {
                (_transitions ??= new List<JobTransition>(2)).Add(new JobTransition(from, status, at, View(at)));
            }

            var change = new JobStepChange(from, status, at);
            _history = _history is null ? [change] : [.. _history, change];
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
            Instant(_startedTicks),
            Instant(_finishedTicks),
            result,
            error,
            Script.Fields)
        {
            Word = step.EncodedWord,
            WordText = step.Word,
        };
    }

    private static DateTimeOffset? Instant(long utcTicks) => utcTicks == 0 ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);

    private static readonly ScriptedError DefaultError = new(null, null, null);

    // Scripted progress is per poll within the step (the last value repeats); otherwise queued is 0,
    // completed 100, failed keeps the last progress shown, and running advances with time and polls.
    private int Progress(LifecycleStep step, DateTimeOffset now)
    {
        if (step.Progress is { Count: > 0 } scripted)
        {
            return scripted[Math.Clamp(_stepPolls, 1, scripted.Count) - 1];
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
