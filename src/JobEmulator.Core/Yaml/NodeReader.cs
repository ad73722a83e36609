using System.Globalization;

namespace JobEmulator.Core.Yaml;

/// <summary>
/// Typed reads of YAML nodes that record a <see cref="ScenarioError"/> (file, line, column, what was
/// expected) instead of throwing, so one pass reports every problem in a file.
/// </summary>
internal sealed class NodeReader(string source)
{
    public string Source { get; } = source;

    public List<ScenarioError> Errors { get; } = [];

    public void Error(YamlNode node, string message) => Errors.Add(new ScenarioError(Source, node.Position, message));

    public void Error(SourcePosition position, string message) => Errors.Add(new ScenarioError(Source, position, message));

    public YamlMap? Map(YamlNode node, string what)
    {
        if (node is YamlMap map)
        {
            return map;
        }

        Error(node, $"{what} must be a mapping (key: value lines); found {node.Describe()}");
        return null;
    }

    public YamlList? List(YamlNode node, string what)
    {
        if (node is YamlList list)
        {
            return list;
        }

        Error(node, $"{what} must be a list ('- item' lines or [a, b]); found {node.Describe()}");
        return null;
    }

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="allowed"/>, with the allowed set.</summary>
    public void OnlyKeys(YamlMap map, string what, IReadOnlyCollection<string> allowed)
    {
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key.Value))
            {
                var extra = entry.Key.Value == "<<" ? " (YAML merge keys are not supported; write the keys out)" : null;
                Error(entry.Key, $"unknown key '{entry.Key.Value}' in {what}; expected one of: {string.Join(", ", allowed)}{extra}");
            }
        }
    }

    public YamlNode? Required(YamlMap map, string key, string what)
    {
        var node = map[key];
        if (node is null)
        {
            Error(map, $"{what} needs '{key}'");
        }

        return node;
    }

    /// <summary>A plain <c>true</c> or <c>false</c>; anything else is an error (and false).</summary>
    public bool Flag(YamlNode? node, string what)
    {
        if (node is null || node is YamlScalar { IsPlain: true, Value: "false" })
        {
            return false;
        }

        if (node is YamlScalar { IsPlain: true, Value: "true" })
        {
            return true;
        }

        Error(node, $"{what} is true or false; found {node.Describe()}");
        return false;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalar scalar && !scalar.IsNull && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value;
        }

        Error(node, $"{what} must be non-empty text; found {node.Describe()}");
        return null;
    }

    public int? Integer(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalar { IsPlain: true } scalar
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }

            Error(node, $"{what} must be between {min} and {max}; found {value}");
            return null;
        }

        if (node is YamlScalar { IsPlain: true } digits && System.Numerics.BigInteger.TryParse(digits.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            Error(node, $"{what} must be between {min} and {max}; found {digits.Value}");
            return null;
        }

        Error(node, $"{what} must be a whole number; found {node.Describe()}");
        return null;
    }

    public decimal? Number(YamlNode node, string what)
    {
        if (node is YamlScalar { IsPlain: true } scalar
            && decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, node is YamlScalar { IsPlain: true } big && double.TryParse(big.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"{what} is out of range; found {big.Value}"
            : $"{what} must be a number; found {node.Describe()}");
        return null;
    }

    /// <summary>A duration that may also be zero (<c>0s</c>, or a bare <c>0</c>): the start of a window.</summary>
    public TimeSpan? DurationOrZero(YamlNode node, string what) =>
        node is YamlScalar { Value: "0" or "0s" or "0ms" } ? TimeSpan.Zero : Duration(node, what);

    public TimeSpan? Duration(YamlNode node, string what)
    {
        if (node is YamlScalar scalar && DurationText.TryParse(scalar.Value, out var duration))
        {
            if (duration > TimeSpan.Zero)
            {
                return duration;
            }

            Error(node, $"{what} must be longer than zero; found {node.Describe()}");
            return null;
        }

        Error(node, node is YamlScalar text && DurationText.IsTooLong(text.Value)
            ? $"{what} is too long; found {node.Describe()}"
            : $"{what} must be {DurationText.Expected}; found {node.Describe()}");
        return null;
    }
}
