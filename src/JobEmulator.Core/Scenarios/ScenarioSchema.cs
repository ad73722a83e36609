using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// The JSON Schema (draft 2020-12) of scenario files, generated from the same vocabulary the loader reads and the
/// dialects' own fields, so editors complete and check scenarios. <c>scenarios/schema/scenario.schema.json</c> is
/// this output; a test keeps the two equal.
/// </summary>
public static partial class ScenarioSchema
{
    private const string Duration = @"^\s*([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+\s*$";

    /// <summary>The schema for the scenarios <paramref name="dialects"/> read, as indented JSON.</summary>
    public static string Generate(DialectCatalog? dialects = null)
    {
        dialects ??= Definitions.DialectDefinitions.BuiltinCatalog;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = Json.JsonFragment.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            // A schema that also knows defined dialects is another document: its own id, naming them.
            var defined = dialects.Names.Where(name => Definitions.DialectDefinitions.BuiltinCatalog.Find(name) is null).ToList();
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
}
