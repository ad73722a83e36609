namespace JobEmulator.Core.Yaml;

/// <summary>A YAML scalar; <see cref="IsPlain"/> is false when it was quoted or block-styled (always text).</summary>
internal sealed class YamlScalar(SourcePosition position, string value, bool isPlain, string? tag) : YamlNode(position)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    public string? Tag { get; } = tag;

    /// <summary>True for a plain <c>~</c>, <c>null</c> or empty scalar (YAML 1.2 core schema).</summary>
    public bool IsNull => IsPlain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : IsPlain ? $"'{Value}'" : $"the quoted text '{Value}'";
}
