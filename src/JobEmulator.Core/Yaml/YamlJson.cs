using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Yaml;

/// <summary>
/// Converts a YAML node to JSON with the YAML 1.2 core schema: plain <c>true</c>/<c>false</c> are
/// booleans, plain numbers are numbers (their written scale kept), plain <c>null</c>/<c>~</c> is null,
/// and anything quoted is text.
/// </summary>
internal static class YamlJson
{
    /// <summary>Values bigger than this (counting what aliases repeat) are refused: results are examples, not data sets.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Converts <paramref name="node"/>, or records a positioned error and returns null when it is too deep or too big.</summary>
    public static JsonFragment? ToFragment(YamlNode node, NodeReader reader, string what)
    {
        var nodes = 0;
        if (!Fits(node, depth: 1, ref nodes, reader, what))
        {
            return null;
        }

        return JsonFragment.Build(w => Write(w, node));
    }

    // Walks through aliases too, so an alias cannot smuggle in depth or a "billion laughs" fan-out.
    private static bool Fits(YamlNode node, int depth, ref int nodes, NodeReader reader, string what)
    {
        if (depth > YamlDocumentReader.MaxDepth || ++nodes > MaxNodes)
        {
            reader.Error(node, $"{what} is too large (more than {YamlDocumentReader.MaxDepth} levels or {MaxNodes} values, counting what aliases repeat)");
            return false;
        }

        switch (node)
        {
            case YamlMap map:
                foreach (var entry in map.Entries)
                {
                    if (entry.Key.Value == "<<" && entry.Key.IsPlain)
                    {
                        reader.Error(entry.Key, "YAML merge keys ('<<') are not supported; write the keys out, or alias the whole value");
                        return false;
                    }

                    if (!Fits(entry.Value, depth + 1, ref nodes, reader, what))
                    {
                        return false;
                    }
                }

                return true;
            case YamlList list:
                foreach (var item in list.Items)
                {
                    if (!Fits(item, depth + 1, ref nodes, reader, what))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key.Value);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case YamlList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalar scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalar scalar)
    {
        if (!scalar.IsPlain || scalar.Tag is "tag:yaml.org,2002:str")
        {
            writer.WriteStringValue(scalar.Value);
        }
        else if (scalar.IsNull)
        {
            writer.WriteNullValue();
        }
        else if (scalar.Value is "true" or "True" or "TRUE")
        {
            writer.WriteBooleanValue(true);
        }
        else if (scalar.Value is "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(false);
        }
        else if (IsNumber(scalar.Value) && decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else if (IsNumber(scalar.Value) && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var large) && double.IsFinite(large))
        {
            writer.WriteNumberValue(large);
        }
        else
        {
            writer.WriteStringValue(scalar.Value);
        }
    }

    // The YAML 1.2 core schema's decimal forms: [-+]?digits[.digits][e[-+]digits], or [-+]?.digits.
    private static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
