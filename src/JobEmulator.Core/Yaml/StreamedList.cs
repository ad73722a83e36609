namespace JobEmulator.Core.Yaml;

/// <summary>A list whose items were handed to an <see cref="IRootListStreamer"/> as they were read, and not kept.</summary>
internal sealed class StreamedList(SourcePosition position, int count) : YamlNode(position)
{
    /// <summary>How many items the list had.</summary>
    public int Count { get; } = count;

    public override string Describe() => "a list";
}
