using JobEmulator.Core.Json;

namespace JobEmulator.Core.Lifecycle;

/// <summary>
/// One step of a job's lifecycle. A step holds no per-job state, so jobs whose steps are alike share them. A step ends after <see cref="Polls"/> status polls or once
/// <see cref="After"/> has elapsed on the clock since it began, whichever comes first.
/// </summary>
internal sealed class LifecycleStep
{
    /// <summary>Creates a step; the scenario reader validates before constructing.</summary>
    public LifecycleStep(JobStatus status, int? polls, TimeSpan? after, IReadOnlyList<int>? progress, JsonFragment? result, ScriptedError? error, string? word = null, Latency? latency = null)
    {
        Latency = latency;
        Status = status;
        Word = word;
        EncodedWord = word is null ? null : System.Text.Json.JsonEncodedText.Encode(word, JsonFragment.Encoder);
        Polls = polls;
        After = after;
        Progress = progress;
        Result = result;
        Error = error;
    }

    /// <summary>The canonical status shown while the job is in this step.</summary>
    public JobStatus Status { get; }

    /// <summary>The exact status word the service sends in this step (<c>word: "In Progress"</c>), when it differs from the dialect's; null: the dialect's word for <see cref="Status"/>.</summary>
    public string? Word { get; }

    /// <summary><see cref="Word"/>, JSON-encoded once.</summary>
    public System.Text.Json.JsonEncodedText? EncodedWord { get; }

    /// <summary>How long the emulator takes to answer polls while the job is in this step (<c>latency:</c>); null: the job's or the scenario's.</summary>
    public Latency? Latency { get; }

    /// <summary>Leave after this many answered status polls (faulted polls do not count).</summary>
    public int? Polls { get; }

    /// <summary>Leave after this much time on the scenario's clock since the step began.</summary>
    public TimeSpan? After { get; }

    /// <summary>Progress (0–100) per poll within the step; the last value repeats. Null: derived.</summary>
    public IReadOnlyList<int>? Progress { get; }

    /// <summary>The scripted result of a completed step; null means generated from the seed.</summary>
    public JsonFragment? Result { get; }

    /// <summary>The scripted error of a failed step; null means the dialect's default error.</summary>
    public ScriptedError? Error { get; }

    /// <summary>True for <see cref="JobStatus.Completed"/> and <see cref="JobStatus.Failed"/>.</summary>
    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed;

}
