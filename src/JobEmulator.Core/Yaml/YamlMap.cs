namespace JobEmulator.Core.Yaml;

/// <summary>A YAML mapping whose keys are scalars, in the order they were written.</summary>
internal sealed class YamlMap(SourcePosition position, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries)
    : YamlNode(position)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public override string Describe() => "a mapping";
}
