using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Json;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary><c>submitted_jobs</c>: what jobs that clients create at run time do, and which submissions each template takes.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TemplateKeys = ["when", "description", "lifecycle", "faults", "latency"];

    // One template (a map with 'lifecycle') or an ordered list of them.
    private List<SubmittedJobTemplate>? ReadSubmittedJobs(YamlNode node, Dialect dialect)
    {
        if (!dialect.Operations.Any(o => o.Kind == OperationKind.Submit))
        {
            reader.Error(node, $"'submitted_jobs' needs a dialect whose clients can submit jobs; this version of {dialect.Name} has no submit operation");
            return null;
        }

        IReadOnlyList<YamlNode> items = node is YamlMap ? [node] : reader.List(node, "'submitted_jobs' (a template with 'lifecycle', or a list of them)")?.Items ?? [];
        if (node is YamlList { Items.Count: 0 } empty)
        {
            reader.Error(empty, "'submitted_jobs' is empty; leave it out for the default lifecycle, or list at least one template");
        }

        var templates = new List<SubmittedJobTemplate>(items.Count);
        var catchAll = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (catchAll != 0)
            {
                reader.Error(items[i], $"submitted job template {i + 1} can never be used: template {catchAll} before it has no 'when', so it takes every submission; move this one above it or give that one a 'when'");
            }

            if (ReadTemplate(items[i], i + 1, dialect) is { } template)
            {
                templates.Add(template);
                if (catchAll == 0 && template.Nth is null && template.Matches.Count == 0)
                {
                    catchAll = i + 1;
                }
            }
        }

        return templates;
    }

    private SubmittedJobTemplate? ReadTemplate(YamlNode node, int number, Dialect dialect)
    {
        var what = $"submitted job template {number}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, [.. TemplateKeys, .. dialect.JobFields.Select(f => f.Key)]);
        if (map["description"] is { } description)
        {
            reader.Text(description, $"the description of {what}");
        }

        int? nth = null;
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map["when"] is { } whenNode && reader.Map(whenNode, $"'when' of {what}") is { } when)
        {
            if (when.Entries.Count == 0)
            {
                reader.Error(when, $"'when' of {what} is empty; leave it out to take every submission");
            }

            foreach (var entry in when.Entries)
            {
                var key = entry.Key.Value;
                if (key == "nth")
                {
                    nth = reader.Integer(entry.Value, "'when.nth' (the Nth submission to this scenario)", 1, 1_000_000);
                }
                else if (dialect.SubmissionFields.FirstOrDefault(f => f.Key == key) is { } field)
                {
                    if (reader.Text(entry.Value, $"'when.{key}' ({field.Description})") is { } value)
                    {
                        if (field.Choices is { } choices && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
                        {
                            reader.Error(entry.Value, $"'when.{key}' can never match: {dialect.Vendor} accepts only {string.Join(", ", choices)}; found '{value}'");
                        }

                        matches[key] = value;
                    }
                }
                else
                {
                    var known = string.Join(", ", ["nth", .. dialect.SubmissionFields.Select(f => f.Key)]);
                    reader.Error(entry.Key, $"'when' cannot match '{key}': a {dialect.Name} submission has no such field; expected one of: {known}");
                }
            }
        }

        var lifecycle = reader.Required(map, "lifecycle", what) is { } lifecycleNode
            ? ReadLifecycle(lifecycleNode, $"the lifecycle of {what}", dialect)
            : [];
        var faults = map["faults"] is { } faultsNode ? ReadFaults(faultsNode, what, submissions: true) : [];
        var fields = new Dictionary<int, JsonFragment>();
        for (var i = 0; i < dialect.JobFields.Count; i++)
        {
            if (map[dialect.JobFields[i].Key] is { } fieldNode && ReadField(fieldNode, dialect.JobFields[i]) is { } value)
            {
                fields[i] = value;
            }
        }

        var latency = map["latency"] is { } latencyNode ? ReadLatency(latencyNode, $"the latency of {what}") : null;
        return new SubmittedJobTemplate(nth, matches, lifecycle, faults, fields, map.Position, latency);
    }
}
