using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>Lifecycle steps: status words, how each step ends, progress, results and errors.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] StepKeys = ["status", "word", "polls", "after", "progress", "latency", "result", "error"];
    private static readonly string[] ErrorKeys = ["code", "message", "details"];

    private readonly Dictionary<(JobStatus, int?, TimeSpan?, string?), LifecycleStep> _plainSteps = [];
    private readonly Dictionary<LifecycleStep[], LifecycleStep[]> _lifecycles = new(SameSteps.Instance);

    // Jobs whose lifecycles are the same steps share one list: a file of 100,000 alike jobs keeps one.
    private LifecycleStep[] Shared(List<LifecycleStep> steps)
    {
        var array = steps.ToArray();
        if (_lifecycles.TryGetValue(array, out var shared))
        {
            return shared;
        }

        _lifecycles.Add(array, array);
        return array;
    }

    private sealed class SameSteps : IEqualityComparer<LifecycleStep[]>
    {
        public static readonly SameSteps Instance = new();

        public bool Equals(LifecycleStep[]? x, LifecycleStep[]? y) => x.AsSpan().SequenceEqual(y, ReferenceEqualityComparer.Instance);

        public int GetHashCode(LifecycleStep[] obj)
        {
            var hash = new HashCode();
            foreach (var step in obj)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(step));
            }

            return hash.ToHashCode();
        }
    }

    private List<LifecycleStep> ReadLifecycle(YamlNode node, string what, Dialect dialect)
    {
        var steps = new List<LifecycleStep>();
        if (reader.List(node, what) is not { } list)
        {
            return steps;
        }

        if (list.Items.Count == 0)
        {
            reader.Error(list, $"{what} is empty; it needs at least a terminal step (completed or failed)");
            return steps;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            if (ReadStep(list.Items[i], i + 1, isLast: i == list.Items.Count - 1, dialect) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private LifecycleStep? ReadStep(YamlNode node, int number, bool isLast, Dialect dialect)
    {
        var what = $"step {number}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, StepKeys);
        if (reader.Required(map, "status", what) is not { } statusNode || ReadStatus(statusNode, dialect) is not { } status)
        {
            return null;
        }

        var polls = map["polls"] is { } pollsNode ? reader.Integer(pollsNode, "'polls'", 1, 1_000_000) : null;
        var after = map["after"] is { } afterNode ? reader.Duration(afterNode, "'after'") : null;
        var progress = map["progress"] is { } progressNode ? ReadProgress(progressNode) : null;
        var word = ((YamlScalar)statusNode).Value;
        var terminal = status is JobStatus.Completed or JobStatus.Failed;
        if (terminal && !isLast)
        {
            reader.Error(statusNode, $"'{word}' is terminal, so it must be the last step; move it to the end or use a running status");
        }
        else if (!terminal && isLast)
        {
            reader.Error(statusNode, $"the last step must be terminal ({dialect.StatusWords[JobStatus.Completed]} or {dialect.StatusWords[JobStatus.Failed]}); found '{word}'");
        }
        else if (terminal && (map["polls"] ?? map["after"]) is { } ending)
        {
            reader.Error(ending, $"the terminal step '{word}' never ends; remove 'polls' and 'after' from it");
        }
        else if (!terminal && map["polls"] is null && map["after"] is null)
        {
            reader.Error(map, $"{what} ('{word}') never ends; give it 'polls: N' or 'after: <duration>' (for a job that stays stuck, use a long 'after' such as 3650d)");
        }

        if (status == JobStatus.Completed && map["progress"] is { } completedProgress)
        {
            reader.Error(completedProgress, "a completed job always shows progress 100; remove 'progress' from this step");
        }
        else if (progress is { } values && polls is { } stepPolls && values.Count > stepPolls)
        {
            reader.Error(map["progress"]!, $"'progress' lists {values.Count} values but the step ends after {stepPolls} polls, so the last {values.Count - stepPolls} would never show");
        }

        var scriptedWord = map["word"] is { } wordNode ? ReadWord(wordNode) : null;
        var latency = map["latency"] is { } latencyNode ? ReadLatency(latencyNode, $"the latency of {what}") : null;
        var result = ReadResult(map, status, dialect);
        var error = ReadError(map, status, dialect);
        if (progress is null && result is null && error is null && latency is null)
        {
            // Plain steps repeat across thousands of jobs: one object each, shared (a step holds no job state).
            var key = (status, polls, after, scriptedWord);
            if (!_plainSteps.TryGetValue(key, out var shared))
            {
                shared = new LifecycleStep(status, polls, after, null, null, null, scriptedWord);
                _plainSteps.Add(key, shared);
            }

            return shared;
        }

        return new LifecycleStep(status, polls, after, progress, result, error, scriptedWord, latency);
    }

    // The exact word a real service was seen to send: one line of printable text.
    private string? ReadWord(YamlNode node)
    {
        const string What = "'word' (the exact status word the service sends, such as \"In Progress\")";
        if (reader.Text(node, What) is not { } word)
        {
            return null;
        }

        if (word.Length > 64 || word.Any(char.IsControl))
        {
            reader.Error(node, What + " must be one line of at most 64 characters");
            return null;
        }

        return word;
    }

    private JobStatus? ReadStatus(YamlNode node, Dialect dialect)
    {
        if (reader.Text(node, "'status'") is not { } word)
        {
            return null;
        }

        if (dialect.StatusWords.TryParse(word, out var status))
        {
            return status;
        }

        var own = string.Join(", ", dialect.StatusWords.Distinct);
        reader.Error(node, $"unknown status '{word}' for dialect {dialect.Name}; expected one of: {own} (or queued, running, completed, failed)");
        return null;
    }

    private List<int>? ReadProgress(YamlNode node)
    {
        const string What = "'progress' (a percentage 0-100, or a list of them, one per poll)";
        if (node is YamlList list)
        {
            if (list.Items.Count == 0)
            {
                reader.Error(list, What + " must not be an empty list");
                return null;
            }

            var values = new List<int>(list.Items.Count);
            foreach (var item in list.Items)
            {
                if (reader.Integer(item, What, 0, 100) is { } value)
                {
                    values.Add(value);
                }
            }

            return values.Count == list.Items.Count ? values : null;
        }

        return reader.Integer(node, What, 0, 100) is { } single ? [single] : null;
    }

    private JsonFragment? ReadResult(YamlMap map, JobStatus status, Dialect dialect)
    {
        if (map["result"] is not { } node)
        {
            return null;
        }

        if (status != JobStatus.Completed)
        {
            reader.Error(node, $"'result' belongs on the completed step; this step is {status.ToString().ToLowerInvariant()}");
            return null;
        }

        if (node is YamlScalar { IsNull: true })
        {
            reader.Error(node, "'result' is empty; leave it out to have one generated from the seed, or write the result");
            return null;
        }

        return YamlJson.ToFragment(node, reader, "'result'");
    }

    private ScriptedError? ReadError(YamlMap map, JobStatus status, Dialect dialect)
    {
        if (map["error"] is not { } node)
        {
            return null;
        }

        if (status != JobStatus.Failed)
        {
            reader.Error(node, $"'error' belongs on the failed step; this step is {status.ToString().ToLowerInvariant()}");
            return null;
        }

        if (node is YamlScalar)
        {
            return reader.Text(node, "'error'") is { } text ? new ScriptedError(null, text, null) : null;
        }

        if (reader.Map(node, "'error' (a message, or code/message/details)") is not { } errorMap)
        {
            return null;
        }

        reader.OnlyKeys(errorMap, "'error'", ErrorKeys);
        var code = errorMap["code"] is { } codeNode ? reader.Text(codeNode, "'error.code'") : null;
        var message = errorMap["message"] is { } messageNode ? reader.Text(messageNode, "'error.message'") : null;
        JsonFragment? details = null;
        if (errorMap["details"] is { } detailsNode && reader.Map(detailsNode, "'error.details'") is not null
            && YamlJson.ToFragment(detailsNode, reader, "'error.details'") is { } scripted)
        {
            details = dialect.CompleteErrorDetails(scripted);
        }

        return new ScriptedError(code, message, details);
    }
}
