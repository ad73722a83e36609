using System.Text.Json;

namespace JobEmulator.Core.Scenarios;

// Small writers of schema fragments.
public static partial class ScenarioSchema
{
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
