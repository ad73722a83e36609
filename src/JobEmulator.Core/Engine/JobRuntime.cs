using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// One live job. Its status is derived from (script, poll count, clock): nothing ticks in the
/// background; each poll first catches the lifecycle up with the clock, then counts itself. A lock
/// per job (never one around all jobs) keeps poll counts exact under concurrent polling. Every step
/// change is kept as a <see cref="JobTransition"/> until the engine takes it to announce (webhooks).
/// </summary>
internal sealed partial class JobRuntime
{
    private readonly Lock _gate = new();
    private int _requests;
    private int _stepIndex;
    private int _stepPolls;
    private int _lastProgress;
    private DateTimeOffset _stepStartedAt;
    // Instants as UTC ticks, 0 for none: a nullable DateTimeOffset takes three times the room, times 100,000 jobs.
    private long _startedTicks;
    private long _finishedTicks;
    private long _claimedDeadlineTicks;
    // Transitions waiting to be announced: kept only while something may announce them (an observer watches the job).
    private List<JobTransition>? _transitions;
    private bool _keepsTransitions = true;

    // Every step change, compactly (a JobTransition carries a whole JobView: ten times the room, times 100,000 jobs).
    private JobStepChange[]? _history;

    /// <summary>Creates the job as of <paramref name="createdAt"/>, in its first step.</summary>
    internal JobRuntime(JobScript script, Scenario scenario, DateTimeOffset createdAt, JobOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(scenario);
        Script = script;
        Scenario = scenario;
        CreatedAt = createdAt;
        Origin = origin ?? JobOrigin.Declared;
        Enter(0, createdAt);
    }

    private static long s_finishes;

    /// <summary>How many jobs have finished in this process (any engine): a full store rescans only after it moves.</summary>
    internal static long Finishes => Interlocked.Read(ref s_finishes);

    /// <summary>Where the job came from (declared, or submitted and by whom).</summary>
    internal JobOrigin Origin { get; }

    /// <summary>True while transitions wait to be taken by <see cref="TakeTransitions"/>.</summary>
    public bool HasTransitions => Volatile.Read(ref _transitions) is { Count: > 0 };

    /// <summary>When the current step ends by time, if it does (its <c>after</c>); null for a terminal step or one that ends by polls only.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            lock (_gate)
            {
                return Script.Lifecycle[_stepIndex] is { IsTerminal: false, After: { } after } ? _stepStartedAt + after : null;
            }
        }
    }

    /// <summary>When the job became terminal, once it has by <paramref name="now"/>; null while it is still live.</summary>
    public DateTimeOffset? FinishedBy(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            return Instant(_finishedTicks);
        }
    }

    /// <summary>
    /// When the job is scripted to be finished by time alone, as of <paramref name="now"/>: the end of its remaining
    /// steps' <c>after</c>s (a step that also ends by polls may end sooner). Null when a remaining step ends by polls only.
    /// </summary>
    public DateTimeOffset? ScriptedEnd(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            var end = _stepStartedAt;
            for (var i = _stepIndex; !Script.Lifecycle[i].IsTerminal; i++)
            {
                if (Script.Lifecycle[i].After is not { } after)
                {
                    return null;
                }

                end += after;
            }

            return end;
        }
    }

    /// <summary>Moves the lifecycle up to <paramref name="now"/> without counting a poll (what time alone does).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
        }
    }

    /// <summary>
    /// True the first time it is asked about the current <see cref="NextDeadline"/>: the engine schedules each
    /// deadline once, however many polls and ticks ask.
    /// </summary>
    internal bool ClaimDeadline(out DateTimeOffset deadline)
    {
        lock (_gate)
        {
            if (Script.Lifecycle[_stepIndex] is { IsTerminal: false, After: { } after } && _claimedDeadlineTicks != (_stepStartedAt + after).UtcTicks)
            {
                deadline = _stepStartedAt + after;
                _claimedDeadlineTicks = deadline.UtcTicks;
                return true;
            }

            deadline = default;
            return false;
        }
    }

    /// <summary>How many status requests the job has answered (faulted ones too).</summary>
    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests;
            }
        }
    }

    /// <summary>The index in <see cref="JobScript.Lifecycle"/> of the step the job is in at <paramref name="now"/>.</summary>
    public int StepAt(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            return _stepIndex;
        }
    }

    /// <summary>Every step change the job made, oldest first (at most one per step).</summary>
    internal IReadOnlyList<JobStepChange> History
    {
        get
        {
            lock (_gate)
            {
                return _history is null ? [] : [.. _history];
            }
        }
    }

    /// <summary>
    /// Whether transitions are kept for <see cref="TakeTransitions"/>: the engine says no for a job no observer watches
    /// (nothing would announce them), and yes again once one does.
    /// </summary>
    internal void KeepTransitions(bool keep)
    {
        lock (_gate)
        {
            _keepsTransitions = keep;
        }
    }

    /// <summary>The transitions since the last call, oldest first (each is handed out exactly once).</summary>
    internal IReadOnlyList<JobTransition> TakeTransitions()
    {
        lock (_gate)
        {
            var taken = _transitions;
            _transitions = null;
            return taken ?? (IReadOnlyList<JobTransition>)[];
        }
    }

    /// <summary>The job as a poll at <paramref name="now"/> would show it, without counting a poll.</summary>
    internal JobView Peek(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            return View(now);
        }
    }

    /// <summary>The job's script (a cancelled job's ends in the dialect's cancel steps).</summary>
    internal JobScript Script { get; private set; }

    /// <summary>The scenario the job belongs to (its credentials and retention).</summary>
    public Scenario Scenario { get; }

    /// <summary>When the job was created on the emulator clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Answers one status poll at <paramref name="now"/>, counting it exactly once.</summary>
    internal PollOutcome Poll(DateTimeOffset now)
    {
        lock (_gate)
        {
            CatchUp(now);
            var request = ++_requests;
            var latency = Script.Lifecycle[_stepIndex].Latency ?? Script.Latency;
            if (Script.FaultFor(request, now - CreatedAt, Scenario.Seed) is { } fault)
            {
                return new PollOutcome(PollOutcomeKind.Fault, default, fault, request) { Latency = latency };
            }

            if (Instant(_finishedTicks) is { } finished && Scenario.Retention is { } retention && now - finished >= retention)
            {
                return new PollOutcome(PollOutcomeKind.Expired, default, null, request) { Latency = latency };
            }

            _stepPolls++;
            var view = View(now);
            _lastProgress = view.Progress;
            var step = Script.Lifecycle[_stepIndex];
            if (!step.IsTerminal && step.Polls is { } polls && _stepPolls >= polls)
            {
                Enter(_stepIndex + 1, now);
            }

            return new PollOutcome(PollOutcomeKind.Status, view, null, request) { Latency = latency };
        }
    }
}
