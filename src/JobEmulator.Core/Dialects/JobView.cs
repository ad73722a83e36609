using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Dialects;

/// <summary>A job as one status poll sees it: everything a dialect needs to render the body.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Status">The canonical status.</param>
/// <param name="Progress">Progress 0–100 at this poll.</param>
/// <param name="CreatedAt">When the job was created on the emulator clock.</param>
/// <param name="UpdatedAt">When the job last changed status.</param>
/// <param name="StartedAt">When the job first left the queue (entered a running or terminal step), if it has.</param>
/// <param name="FinishedAt">When the job became terminal, if it has.</param>
/// <param name="Result">The result when completed (scripted or generated from the seed), else null.</param>
/// <param name="Error">The error when failed (scripted fields, or all null for the dialect's default), else null.</param>
/// <param name="Fields">The dialect's job fields (<see cref="Dialect.JobFields"/>) in declared order.</param>
internal readonly record struct JobView(
    string Id,
    JobStatus Status,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonFragment? Result,
    ScriptedError? Error,
    IReadOnlyList<JsonFragment> Fields)
{
    /// <summary>The step's own status word (<c>word:</c>), when the scenario scripts one; null: the dialect's word for <see cref="Status"/>.</summary>
    public System.Text.Json.JsonEncodedText? Word { get; init; }

    /// <summary>The step's own word as text, when scripted.</summary>
    public string? WordText { get; init; }
}
