using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;

namespace JobEmulator.Core.Scenarios;

// What each dialect adds to the schema: its job fields, status words, submission fields and the definitions they need.
public static partial class ScenarioSchema
{
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
}
