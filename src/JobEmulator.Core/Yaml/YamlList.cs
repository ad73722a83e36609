namespace JobEmulator.Core.Yaml;

/// <summary>A YAML sequence.</summary>
internal sealed class YamlList(SourcePosition position, IReadOnlyList<YamlNode> items) : YamlNode(position)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Describe() => "a list";
}
