namespace JobEmulator.Core.Yaml;

/// <summary>A node of a parsed YAML document that remembers where it was written.</summary>
internal abstract class YamlNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>How the node reads in an error message: "a mapping", "a list", "the text 'x'".</summary>
    public abstract string Describe();
}
