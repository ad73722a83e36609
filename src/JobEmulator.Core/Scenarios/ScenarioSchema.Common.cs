using System.Text.Json;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

// The definitions every dialect's scenarios share: durations, faults, latency, limits, webhooks.
public static partial class ScenarioSchema
{
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
}
