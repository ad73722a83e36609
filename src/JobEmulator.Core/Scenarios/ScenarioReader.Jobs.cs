using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>Jobs, their vendor fields and their faults.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] CommonJobKeys = ["id", "description", "lifecycle", "faults"];
    private static readonly string[] FaultKeys = ["on", "respond", "retry_after"];
    private static readonly string[] FaultTriggerKeys = ["poll"];

    private JobScript? ReadJob(YamlNode node, int number, Dialect dialect, int seed, string generatedId)
    {
        var what = $"job {number}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        string[] allowed = [.. CommonJobKeys, .. dialect.JobFields.Select(a => a.Key)];
        reader.OnlyKeys(map, what, allowed);
        var id = generatedId;
        if (map["id"] is { } idNode && reader.Text(idNode, $"the id of {what}") is { } scripted)
        {
            if (!JobIds.IsUsableInUrls(scripted))
            {
                reader.Error(idNode, $"job id '{scripted}' cannot travel in a URL path or query; avoid spaces, control characters, '.' or '..' alone, and / ? # % & + \\ \"");
            }

            id = scripted;
            what = $"job {number} ('{scripted}')";
        }

        if (map["description"] is { } description)
        {
            reader.Text(description, $"the description of {what}");
        }

        var lifecycle = reader.Required(map, "lifecycle", what) is { } lifecycleNode
            ? ReadLifecycle(lifecycleNode, $"the lifecycle of {what}", dialect)
            : [];
        var faults = map["faults"] is { } faultsNode ? ReadFaults(faultsNode, what) : [];
        var fields = ReadFields(map, dialect, seed, id);
        return new JobScript(id, lifecycle, faults, fields, ResultGenerator(dialect, seed, id, fields), map.Position);
    }

    private List<JsonFragment> ReadFields(YamlMap map, Dialect dialect, int seed, string jobId)
    {
        var faker = SeededFaker(seed, jobId, "fields");
        var values = new List<JsonFragment>(dialect.JobFields.Count);
        foreach (var field in dialect.JobFields)
        {
            // Draw the default even when scripted, so scripting one field never shifts another's default.
            var generated = field.Generate(faker);
            var node = map[field.Key];
            values.Add(node is null ? generated : ReadField(node, field) ?? generated);
        }

        return values;
    }

    private JsonFragment? ReadField(YamlNode node, JobField field)
    {
        var what = $"'{field.Key}' ({field.Description})";
        switch (field.Kind)
        {
            case JobFieldKind.WholeNumber or JobFieldKind.Number:
                var number = field.Kind == JobFieldKind.WholeNumber ? reader.Integer(node, what, 0, int.MaxValue) : reader.Number(node, what);
                if (number is not { } value)
                {
                    return null;
                }

                if (value < (field.Minimum ?? decimal.MinValue) || value > (field.Maximum ?? decimal.MaxValue))
                {
                    reader.Error(node, $"{what} must be between {field.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"} and {field.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}; found {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                    return null;
                }

                return JsonFragment.Number(value);
            default:
                if (reader.Text(node, what) is not { } text)
                {
                    return null;
                }

                if (field.Choices is { } choices && !choices.Contains(text))
                {
                    reader.Error(node, $"{what} must be one of: {string.Join(", ", choices)}; found '{text}'");
                    return null;
                }

                return JsonFragment.Text(text);
        }
    }

    private List<FaultRule> ReadFaults(YamlNode node, string job)
    {
        var faults = new List<FaultRule>();
        if (reader.List(node, $"the faults of {job}") is not { } list)
        {
            return faults;
        }

        foreach (var item in list.Items)
        {
            if (ReadFault(item, job) is not { } fault)
            {
                continue;
            }

            if (faults.Any(f => f.OnPoll == fault.OnPoll))
            {
                reader.Error(item, $"{job} already has a fault on poll {fault.OnPoll}");
                continue;
            }

            faults.Add(fault);
        }

        return faults;
    }

    private FaultRule? ReadFault(YamlNode node, string job)
    {
        var what = $"a fault of {job}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, FaultKeys);
        int? poll = null;
        if (reader.Required(map, "on", what) is { } onNode && reader.Map(onNode, "'on'") is { } on)
        {
            reader.OnlyKeys(on, "'on'", FaultTriggerKeys);
            poll = reader.Required(on, "poll", "'on'") is { } pollNode ? reader.Integer(pollNode, "'on.poll'", 1, 1_000_000) : null;
        }

        var respond = reader.Required(map, "respond", what) is { } respondNode ? reader.Integer(respondNode, "'respond' (an HTTP status)", 400, 599) : null;
        TimeSpan? retryAfter = null;
        if (map["retry_after"] is { } retryNode)
        {
            retryAfter = reader.Duration(retryNode, "'retry_after'");
            if (respond is not (429 or 503) && respond is not null)
            {
                reader.Error(retryNode, $"'retry_after' only goes with 'respond: 429' or 'respond: 503'; this fault responds {respond}");
            }
        }

        return poll is { } p && respond is { } r ? new FaultRule(p, r, retryAfter, map.Position) : null;
    }
}
