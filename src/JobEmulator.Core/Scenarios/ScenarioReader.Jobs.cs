using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>Jobs, their vendor fields and their faults.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] CommonJobKeys = ["id", "description", "lifecycle", "faults", "latency"];
    private static readonly string[] FaultKeys = ["on", "respond", "network", "retry_after"];
    private static readonly string[] FaultTriggerKeys = ["poll", "polls", "every", "probability", "during", "submission", "submissions", "of"];
    private static readonly string[] WindowKeys = ["from", "to"];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Dialect, string[]> AllowedJobKeys = [];

    private static string[] JobKeys(Dialect dialect) => AllowedJobKeys.GetValue(dialect, d => [.. CommonJobKeys, .. d.JobFields.Select(a => a.Key)]);

    private JobScript? ReadJob(YamlNode node, int number, Dialect dialect, int seed, string generatedId)
    {
        var what = $"job {number}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, JobKeys(dialect));
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
            ? Shared(ReadLifecycle(lifecycleNode, $"the lifecycle of {what}", dialect))
            : [];
        IReadOnlyList<FaultRule> faults = map["faults"] is { } faultsNode ? ReadFaults(faultsNode, what) : Array.Empty<FaultRule>();
        var scriptedFields = ReadFields(map, dialect);
        var latency = map["latency"] is { } latencyNode ? ReadLatency(latencyNode, $"the latency of {what}") : null;
        return new JobScript(id, lifecycle, faults, Draws(dialect, seed, scriptedFields), map.Position, latency);
    }

    private JobDraws? _plainDraws;

    private JobDraws Draws(Dialect dialect, int seed, JsonFragment?[]? scripted)
    {
        if (scripted is not null)
        {
            return new JobDraws(dialect, seed, scripted);
        }

        if (_plainDraws is null || _plainDraws.Dialect != dialect || _plainDraws.Seed != seed)
        {
            _plainDraws = new JobDraws(dialect, seed, null);
        }

        return _plainDraws;
    }

    // The fields the job scripts, validated now; null when it scripts none (the usual case), so nothing is kept.
    private JsonFragment?[]? ReadFields(YamlMap map, Dialect dialect)
    {
        JsonFragment?[]? scripted = null;
        for (var i = 0; i < dialect.JobFields.Count; i++)
        {
            var field = dialect.JobFields[i];
            if (map[field.Key] is { } node && ReadField(node, field) is { } value)
            {
                scripted ??= new JsonFragment?[dialect.JobFields.Count];
                scripted[i] = value;
            }
        }

        return scripted;
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
            case JobFieldKind.Mapping:
                return ReadObjectField(node, field, what);
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

    // A mapping of the field's keys, each a list or a mapping as the key says, kept as JSON in the order written.
    private JsonFragment? ReadObjectField(YamlNode node, JobField field, string what)
    {
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, [.. field.Keys.Select(k => k.Key)]);
        var valid = true;
        foreach (var key in field.Keys)
        {
            if (map[key.Key] is { } value)
            {
                valid &= key.IsList
                    ? reader.List(value, $"'{field.Key}.{key.Key}' ({key.Description})") is not null
                    : reader.Map(value, $"'{field.Key}.{key.Key}' ({key.Description})") is not null;
            }
        }

        return valid ? YamlJson.ToFragment(map, reader, what) : null;
    }
}
