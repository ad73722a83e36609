namespace JobEmulator.Core.Yaml;

/// <summary>Takes the items of a list under a key of the document's root mapping as they are read.</summary>
internal interface IRootListStreamer
{
    /// <summary>
    /// Called when the root mapping's value for <paramref name="key"/> is a list about to be read, with the root's
    /// entries read so far. Returns what consumes each item, or null to have the list read whole as usual.
    /// </summary>
    Action<YamlNode>? Begin(string key, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> before);
}
