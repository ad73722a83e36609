using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// The JSON Schema (draft 2020-12) of scenario files, generated from the same vocabulary the loader reads and the
/// dialects' own fields, so editors complete and check scenarios. <c>scenarios/schema/scenario.schema.json</c> is
/// this output; a test keeps the two equal.
/// </summary>
public static class ScenarioSchema
{
    private const string Duration = @"^\s*([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+\s*$";

    /// <summary>The schema for the scenarios <paramref name="dialects"/> read, as indented JSON.</summary>
    public static string Generate(DialectCatalog? dialects = null)
    {
        dialects ??= DialectCatalog.Default;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = Json.JsonFragment.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            // A schema that also knows defined dialects is another document: its own id, naming them.
            var defined = dialects.Names.Where(name => DialectCatalog.Default.Find(name) is null).ToList();
            w.WriteString("$id", "https://github.com/jobemulator/jobemulator/scenarios/schema/scenario.schema.json" + (defined.Count == 0 ? string.Empty : "?dialects=" + string.Join(",", defined)));
            w.WriteString("title", "JobEmulator scenario");
            w.WriteString("description", "One scenario: one dialect's jobs, what submitted jobs do, and the faults and limits around them. See the README's scenario reference.");
            w.WriteString("type", "object");
            w.WriteStartArray("required");
            w.WriteStringValue("dialect");
            w.WriteEndArray();
            w.WriteStartObject("properties");
            Const(w, "kind", "scenario");
            Const(w, "version", 1);
            Text(w, "name");
            Text(w, "description");
            w.WriteStartObject("dialect");
            w.WriteStartArray("enum");
            foreach (var dialect in dialects.All)
            {
                w.WriteStringValue(dialect.Name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            Type(w, "seed", "integer");
            Ref(w, "auth", "auth");
            Type(w, "jobs", "array");
            w.WriteStartObject("submitted_jobs");
            w.WriteStartArray("type");
            w.WriteStringValue("object");
            w.WriteStringValue("array");
            w.WriteEndArray();
            w.WriteEndObject();
            Ref(w, "webhooks", "webhooks");
            Ref(w, "rate_limit", "rateLimit");
            Ref(w, "limits", "limits");
            w.WriteStartObject("latency");
            w.WriteStartArray("anyOf");
            RefValue(w, "latency");
            RefValue(w, "latencyPlan");
            w.WriteEndArray();
            w.WriteEndObject();
            Ref(w, "retention", "duration");
            w.WriteEndObject();
            w.WriteBoolean("additionalProperties", false);

            w.WriteStartArray("allOf");
            foreach (var dialect in dialects.All)
            {
                PerDialect(w, dialect);
            }

            w.WriteEndArray();

            w.WriteStartObject("$defs");
            CommonDefinitions(w);
            foreach (var dialect in dialects.All)
            {
                DialectDefinitions(w, dialect);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void PerDialect(Utf8JsonWriter w, Dialect dialect)
    {
        w.WriteStartObject();
        w.WriteStartObject("if");
        w.WriteStartObject("properties");
        Const(w, "dialect", dialect.Name);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("then");
        w.WriteStartObject("properties");
        w.WriteStartObject("jobs");
        w.WriteStartObject("items");
        w.WriteString("$ref", $"#/$defs/{dialect.Name}.job");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("submitted_jobs");
        w.WriteStartArray("anyOf");
        RefValue(w, $"{dialect.Name}.template");
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteString("$ref", $"#/$defs/{dialect.Name}.template");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        if (dialect.Webhooks is null)
        {
            w.WriteBoolean("webhooks", false);
        }

        if (!dialect.Operations.Any(o => o.Kind == OperationKind.Token))
        {
            w.WriteStartObject("auth");
            w.WriteStartObject("properties");
            w.WriteBoolean("apps", false);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void DialectDefinitions(Utf8JsonWriter w, Dialect dialect)
    {
        // A job: the common keys, the dialect's job fields and steps in its status words.
        w.WriteStartObject($"{dialect.Name}.job");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("lifecycle");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("id");
        w.WriteString("type", "string");
        w.WriteString("pattern", @"^[^\s/?#%&+\\""]+$");
        w.WriteEndObject();
        Text(w, "description");
        Lifecycle(w, dialect);
        Faults(w, submissions: false);
        Ref(w, "latency", "latency");
        JobFields(w, dialect);
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();

        // A submitted-job template: when, lifecycle, faults (submissions too), latency and job fields.
        w.WriteStartObject($"{dialect.Name}.template");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("lifecycle");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("when");
        w.WriteString("type", "object");
        w.WriteNumber("minProperties", 1);
        w.WriteStartObject("properties");
        w.WriteStartObject("nth");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
        foreach (var field in dialect.SubmissionFields)
        {
            w.WriteStartObject(field.Key);
            w.WriteString("description", field.Description);
            if (field.Choices is { } choices)
            {
                w.WriteStartArray("enum");
                choices.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("type", "string");
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        Text(w, "description");
        Lifecycle(w, dialect);
        Faults(w, submissions: true);
        Ref(w, "latency", "latency");
        JobFields(w, dialect);
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void Lifecycle(Utf8JsonWriter w, Dialect dialect)
    {
        w.WriteStartObject("lifecycle");
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("status");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("status");
        w.WriteStartArray("enum");
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in dialect.StatusWords.Distinct.Concat(["queued", "running", "completed", "failed"]))
        {
            words.Add(word);
            words.Add(word.ToLowerInvariant());
            words.Add(word.ToUpperInvariant());
            words.Add(char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant());
        }

        words.ToList().ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("word");
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteNumber("maxLength", 64);
        w.WriteEndObject();
        w.WriteStartObject("polls");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
        Ref(w, "after", "duration");
        w.WriteStartObject("progress");
        w.WriteStartArray("anyOf");
        Percentage(w);
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WritePropertyName("items");
        Percentage(w);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        Ref(w, "latency", "latency");
        w.WriteStartObject("result");
        w.WriteStartArray("type");
        foreach (var type in new[] { "object", "array", "string", "number", "integer", "boolean" })
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("error");
        w.WriteStartArray("anyOf");
        w.WriteStartObject();
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        Text(w, "code");
        Text(w, "message");
        Type(w, "details", "object");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Faults(Utf8JsonWriter w, bool submissions)
    {
        w.WriteStartObject("faults");
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("$ref", submissions ? "#/$defs/templateFault" : "#/$defs/jobFault");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void JobFields(Utf8JsonWriter w, Dialect dialect)
    {
        foreach (var field in dialect.JobFields)
        {
            w.WriteStartObject(field.Key);
            w.WriteString("description", field.Description);
            if (field.Kind == JobFieldKind.Mapping)
            {
                w.WriteString("type", "object");
                w.WriteBoolean("additionalProperties", false);
                w.WriteStartObject("properties");
                foreach (var key in field.Keys)
                {
                    w.WriteStartObject(key.Key);
                    w.WriteString("description", key.Description);
                    w.WriteString("type", key.IsList ? "array" : "object");
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }
            else if (field.Kind == JobFieldKind.Text)
            {
                if (field.Choices is { } choices)
                {
                    w.WriteStartArray("enum");
                    choices.ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteString("type", "string");
                    w.WriteNumber("minLength", 1);
                }
            }
            else
            {
                w.WriteString("type", field.Kind == JobFieldKind.WholeNumber ? "integer" : "number");
                if (field.Minimum is { } min)
                {
                    w.WriteNumber("minimum", min);
                }

                if (field.Maximum is { } max)
                {
                    w.WriteNumber("maximum", max);
                }
            }

            w.WriteEndObject();
        }
    }

    private static void CommonDefinitions(Utf8JsonWriter w)
    {
        w.WriteStartObject("duration");
        w.WriteString("type", "string");
        w.WriteString("pattern", Duration);
        w.WriteString("description", DurationText.Expected);
        w.WriteEndObject();

        w.WriteStartObject("latency");
        w.WriteStartArray("anyOf");
        RefValue(w, "duration");
        Object(w, ["min", "max"], [("min", "duration"), ("max", "duration")]);
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("median");
        w.WriteStringValue("sigma");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        Ref(w, "median", "duration");
        w.WriteStartObject("sigma");
        w.WriteString("type", "number");
        w.WriteNumber("exclusiveMinimum", 0);
        w.WriteNumber("maximum", 5);
        w.WriteEndObject();
        Ref(w, "max", "duration");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartObject("latencyPlan");
        w.WriteString("type", "object");
        w.WriteNumber("minProperties", 1);
        w.WriteStartObject("properties");
        Ref(w, "default", "latency");
        Ref(w, "status", "latency");
        Ref(w, "submit", "latency");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();

        w.WriteStartObject("auth");
        w.WriteString("type", "object");
        w.WriteNumber("minProperties", 1);
        w.WriteStartObject("properties");
        w.WriteStartObject("keys");
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteStartArray("anyOf");
        w.WriteStartObject();
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("key");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        Text(w, "key");
        Ref(w, "expires_after", "duration");
        w.WriteStartObject("expires_at");
        w.WriteString("type", "string");
        w.WriteString("format", "date-time");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("apps");
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("app_id");
        w.WriteStringValue("app_secret");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        Text(w, "app_id");
        Text(w, "app_secret");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndObject();
        Type(w, "tenants", "boolean");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();

        w.WriteStartObject("webhooks");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        Ref(w, "timeout", "duration");
        Ref(w, "retry", "durations");
        Type(w, "stop_on_4xx", "boolean");
        w.WriteStartObject("url");
        w.WriteString("type", "string");
        w.WriteString("pattern", "^https?://");
        w.WriteEndObject();
        Text(w, "secret");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteStartObject("durations");
        w.WriteString("type", "array");
        w.WriteNumber("maxItems", 20);
        w.WriteStartObject("items");
        w.WriteString("$ref", "#/$defs/duration");
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("rateLimit");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("requests");
        w.WriteStringValue("per");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("requests");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
        Ref(w, "per", "duration");
        w.WriteStartObject("key");
        w.WriteStartArray("enum");
        w.WriteStringValue("api_key");
        w.WriteStringValue("global");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();

        w.WriteStartObject("limits");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("concurrent_jobs");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("concurrent_jobs");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();

        Fault(w, "jobFault", submissions: false);
        Fault(w, "templateFault", submissions: true);
    }

    // A fault: exactly one trigger in 'on', and either respond (with retry_after for 429/503) or network.
    private static void Fault(Utf8JsonWriter w, string name, bool submissions)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("on");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteStartObject("on");
        w.WriteString("type", "object");
        w.WriteNumber("minProperties", 1);
        w.WriteStartObject("properties");
        PositiveInteger(w, "poll");
        Range(w, "polls");
        PositiveInteger(w, "every");
        w.WriteStartObject("probability");
        w.WriteString("type", "number");
        w.WriteNumber("exclusiveMinimum", 0);
        w.WriteNumber("maximum", 1);
        w.WriteEndObject();
        w.WriteStartObject("during");
        w.WriteString("type", "object");
        w.WriteNumber("minProperties", 1);
        w.WriteStartObject("properties");
        w.WriteStartObject("from");
        w.WriteStartArray("anyOf");
        RefValue(w, "duration");
        w.WriteStartObject();
        w.WriteStartArray("enum");
        w.WriteNumberValue(0);
        w.WriteStringValue("0");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        Ref(w, "to", "duration");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        if (submissions)
        {
            PositiveInteger(w, "submission");
            Range(w, "submissions");
            w.WriteStartObject("of");
            w.WriteStartArray("enum");
            w.WriteStringValue("polls");
            w.WriteStringValue("submissions");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject("of");
            w.WriteStartArray("enum");
            w.WriteStringValue("polls");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteStartObject("respond");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 400);
        w.WriteNumber("maximum", 599);
        w.WriteEndObject();
        w.WriteStartObject("network");
        w.WriteStartArray("enum");
        foreach (var fault in Enum.GetNames<NetworkFault>())
        {
            w.WriteStringValue(fault.ToLowerInvariant());
        }

        w.WriteEndArray();
        w.WriteEndObject();
        Ref(w, "retry_after", "duration");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartArray("oneOf");
        foreach (var required in new[] { "respond", "network" })
        {
            w.WriteStartObject();
            w.WriteStartArray("required");
            w.WriteStringValue(required);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Object(Utf8JsonWriter w, string[] required, (string Key, string Ref)[] properties, string? name = null, (string Key, string Ref)? extra = null)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("type", "object");
        if (required.Length > 0)
        {
            w.WriteStartArray("required");
            required.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        foreach (var (key, target) in extra is { } more ? [.. properties, more] : properties)
        {
            Ref(w, key, target);
        }

        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void Percentage(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 0);
        w.WriteNumber("maximum", 100);
        w.WriteEndObject();
    }

    private static void PositiveInteger(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
    }

    private static void Range(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "string");
        w.WriteString("pattern", @"^\s*[0-9]+\s*\.\.\s*[0-9]+\s*$");
        w.WriteEndObject();
    }

    private static void Const(Utf8JsonWriter w, string name, int value)
    {
        w.WriteStartObject(name);
        w.WriteNumber("const", value);
        w.WriteEndObject();
    }

    private static void Const(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject(name);
        w.WriteString("const", value);
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteEndObject();
    }

    private static void Type(Utf8JsonWriter w, string name, string type)
    {
        w.WriteStartObject(name);
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    private static void Ref(Utf8JsonWriter w, string name, string definition)
    {
        w.WriteStartObject(name);
        w.WriteString("$ref", "#/$defs/" + definition);
        w.WriteEndObject();
    }

    private static void RefValue(Utf8JsonWriter w, string definition)
    {
        w.WriteStartObject();
        w.WriteString("$ref", "#/$defs/" + definition);
        w.WriteEndObject();
    }
}
