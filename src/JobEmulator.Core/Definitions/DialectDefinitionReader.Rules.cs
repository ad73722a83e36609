using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

// Cross-field submission rules (one of, not with, required when) and the small readers they share.
internal sealed partial class DialectDefinitionReader
{
    // - any_of: [content, url]
    //   message: Either 'content' or 'url' is required.
    // - json_object: schema
    //   not_json: "'schema' is not valid JSON"
    //   not_object: "'schema' must be a JSON object"
    private SubmissionRule? Rule(YamlNode node, IReadOnlyList<SubmissionField> fields)
    {
        if (reader.Map(node, "each rule (any_of, not_with, required or json_object)") is not { } map)
        {
            return null;
        }

        string? Field(YamlNode field)
        {
            if (reader.Text(field, "a rule's field") is { } key && !fields.Any(f => f.Key == key))
            {
                reader.Error(field, $"a rule names submission fields; found '{key}', expected one of: {string.Join(", ", fields.Select(f => f.Key))}");
            }

            return (field as YamlScalar)?.Value;
        }

        if (map["any_of"] is { } anyOf)
        {
            reader.OnlyKeys(map, "an any_of rule", ["any_of", "message"]);
            var names = reader.List(anyOf, "'any_of' (the fields one of which must be present)") is { } list ? list.Items.Select(Field).ToList() : null;
            if (names is { Count: 0 })
            {
                reader.Error(anyOf, "'any_of' names no field; name the fields of which one must be present");
                names = null;
            }

            var message = reader.Required(map, "message", "an any_of rule") is { } m ? reader.Text(m, "'message'") : null;
            return names is null || message is null || names.Any(n => n is null) ? null : new SubmissionRule.AnyOf([.. names!], message);
        }

        if (map["not_with"] is { } notWith)
        {
            reader.OnlyKeys(map, "a not_with rule", ["not_with", "message"]);
            var names = reader.List(notWith, "'not_with' (fields of which at most one may be present)") is { } list ? list.Items.Select(Field).ToList() : null;
            if (names is { Count: < 2 })
            {
                reader.Error(notWith, "'not_with' names at least two fields, of which at most one may be present");
                names = null;
            }

            var message = reader.Required(map, "message", "a not_with rule") is { } m ? reader.Text(m, "'message'") : null;
            return names is null || message is null || names.Any(n => n is null) ? null : new SubmissionRule.NotWith([.. names!], message);
        }

        // - required: language
        //   when: { model: nova }       (or when: model: present at all)
        if (map["required"] is { } required)
        {
            reader.OnlyKeys(map, "a required rule", ["required", "when", "message"]);
            var field = Field(required);
            string? other = null, value = null;
            if (reader.Required(map, "when", "a required rule") is YamlScalar otherNode)
            {
                other = Field(otherNode);
            }
            else if (map["when"] is { } whenNode && reader.Map(whenNode, "'when' (a field, or { field: value })") is { } when)
            {
                if (when.Entries.Count != 1)
                {
                    reader.Error(whenNode, "'when' names one field and its value ({ model: nova }), or a field alone");
                }
                else
                {
                    other = Field(when.Entries[0].Key);
                    value = reader.Text(when.Entries[0].Value, "the value in 'when'");
                }
            }

            var message = reader.Required(map, "message", "a required rule") is { } m ? reader.Text(m, "'message'") : null;
            return field is null || other is null || message is null || (map["when"] is YamlMap && value is null) ? null : new SubmissionRule.RequiredWhen(field, other, value, message);
        }

        if (map["json_object"] is { } jsonObject)
        {
            reader.OnlyKeys(map, "a json_object rule", ["json_object", "not_json", "not_object"]);
            var field = Field(jsonObject);
            var notJson = reader.Required(map, "not_json", "a json_object rule") is { } a ? reader.Text(a, "'not_json'") : null;
            var notObject = reader.Required(map, "not_object", "a json_object rule") is { } b ? reader.Text(b, "'not_object'") : null;
            return field is null || notJson is null || notObject is null ? null : new SubmissionRule.JsonObject(field, notJson, notObject);
        }

        reader.Error(map, "a rule is any_of (one of these fields is required), not_with (at most one of these), required with when (this field, when that one is given or has that value) or json_object (this field, when present, holds a JSON object)");
        return null;
    }

    private T Choose<T>(YamlNode? node, Dictionary<string, T> choices, T fallback, string what)
    {
        if (node is null || reader.Text(node, what) is not { } name)
        {
            return fallback;
        }

        if (choices.TryGetValue(name, out var value))
        {
            return value;
        }

        reader.Error(node, $"{what} is one of {string.Join(", ", choices.Keys)}; found '{name}'");
        return fallback;
    }

    private List<string>? Words(YamlNode node, string what) =>
        reader.List(node, what) is { } list ? [.. list.Items.Select(i => reader.Text(i, $"each of {what}") ?? "")] : null;

    private static bool IsRegex(string pattern, out string? problem)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            problem = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return false;
        }
    }
}
