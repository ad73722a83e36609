using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace JobEmulator.Core.Yaml;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s that keep their line and column, so every
/// later validation message can point at the exact spot. Syntax errors, duplicate keys, unknown
/// aliases and extra documents are reported as <see cref="ScenarioError"/>s, never thrown raw.
/// </summary>
internal static class YamlDocumentReader
{
    /// <summary>Deeper nesting than any scenario needs is refused before it can exhaust the stack.</summary>
    public const int MaxDepth = 64;

    public static YamlNode? Read(string source, string text, List<ScenarioError> errors) => Read(source, text, errors, streamer: null);

    /// <summary>
    /// Reads the document; a list under a root key that <paramref name="streamer"/> takes is handed over item by item as
    /// each is read, and kept only as a <see cref="StreamedList"/>, so a file of 100,000 jobs never holds all their nodes.
    /// </summary>
    public static YamlNode? Read(string source, string text, List<ScenarioError> errors, IRootListStreamer? streamer)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new ScenarioError(source, new SourcePosition(1, 1), "the file is empty; expected a scenario mapping (version, name, dialect, jobs)"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, anchors, errors, depth: 1, streamer);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(new ScenarioError(source, ToPosition(second.Start), "a scenario file holds one YAML document; found a second one (remove the '---' or split the file)"));
            }

            return root;
        }
        catch (YamlException ex)
        {
            // Start is where the enclosing construct began; End, when later, is where the parser stopped.
            var at = ToPosition(ex.End.Index > ex.Start.Index ? ex.End : ex.Start);
            var message = CleanMessage(ex.Message);
            message += Hint(message);
            if (ex.End.Line > ex.Start.Line && (message.Contains("quoted", StringComparison.Ordinal) || message.Contains("flow", StringComparison.Ordinal)))
            {
                message += $" (in what starts at {ToPosition(ex.Start)}; is a quote or bracket there left open?)";
            }
            else if (message.Contains("cannot start any token", StringComparison.Ordinal) && at.Column > 1 && ex.End.Index > 0 && ex.End.Index <= text.Length && text[(int)ex.End.Index - 1] is '@' or '`')
            {
                // The scanner stops just past a reserved indicator; point at it, and say what to do.
                at = new SourcePosition(at.Line, at.Column - 1);
                message = $"'{text[(int)ex.End.Index - 1]}' is reserved in YAML and cannot start a value; put the value in quotes";
            }

            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
            {
                // YamlDotNet reports tab errors where the enclosing mapping began; point at the tab itself.
                at = tab;
                message = "a tab is used for indentation; YAML indents with spaces only";
            }

            errors.Add(new ScenarioError(source, at, "invalid YAML: " + message));
            return null;
        }
        catch (UnreadableDocumentException ex)
        {
            errors.Add(new ScenarioError(source, ex.Position, ex.Message));
            return null;
        }
        catch (InvalidOperationException ex) when (FromParser(ex))
        {
            // Not expected outside a flow collection (handled above), but the parser's state errors are never raw.
            errors.Add(new ScenarioError(source, ToPosition(parser.Current?.End ?? Mark.Empty), "invalid YAML: the file ends before what it started is complete"));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string source, Dictionary<string, YamlNode> anchors, List<ScenarioError> errors, int depth, IRootListStreamer? streamer = null)
    {
        if (depth > MaxDepth)
        {
            throw new UnreadableDocumentException(ToPosition(parser.Current?.Start ?? Mark.Empty), $"nesting deeper than {MaxDepth} levels; a scenario never needs that much");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new UnreadableDocumentException(ToPosition(alias.Start), $"unknown alias '*{alias.Value.Value}'; define it first with '&{alias.Value.Value}'");
        }

        YamlNode node;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            node = new YamlScalar(ToPosition(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain, tag);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            var items = new List<YamlNode>();
            try
            {
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, source, anchors, errors, depth + 1));
                }
            }
            catch (InvalidOperationException ex) when (sequenceStart.Style == SequenceStyle.Flow && FromParser(ex))
            {
                // YamlDotNet's scanner fails this way when the file ends inside a flow collection.
                throw new UnreadableDocumentException(ToPosition(sequenceStart.Start), "invalid YAML: this '[' is never closed; end the list with ']'");
            }

            node = new YamlList(ToPosition(sequenceStart.Start), items);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            HashSet<string>? seen = null;
            while (!TryEndMapping(parser, mappingStart))
            {
                var keyNode = ReadNode(parser, source, anchors, errors, depth + 1);
                var value = streamer is not null && keyNode is YamlScalar rootKey && parser.Accept<SequenceStart>(out var list) && list.Anchor.IsEmpty
                    && streamer.Begin(rootKey.Value, entries) is { } consume
                    ? ReadStreamed(parser, source, anchors, errors, depth + 1, consume)
                    : ReadNode(parser, source, anchors, errors, depth + 1);
                if (keyNode is not YamlScalar key)
                {
                    errors.Add(new ScenarioError(source, keyNode.Position, $"a mapping key must be a plain name; found {keyNode.Describe()}"));
                    continue;
                }

                if (IsDuplicate(entries, key.Value, ref seen))
                {
                    errors.Add(new ScenarioError(source, key.Position, $"duplicate key '{key.Value}' in this mapping"));
                    continue;
                }

                entries.Add(new(key, value));
            }

            node = new YamlMap(ToPosition(mappingStart.Start), entries);
        }

        if (!start.Anchor.IsEmpty)
        {
            anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    // A root list handed over item by item: each item is read whole, given to consume, then let go.
    private static StreamedList ReadStreamed(IParser parser, string source, Dictionary<string, YamlNode> anchors, List<ScenarioError> errors, int depth, Action<YamlNode> consume)
    {
        var start = parser.Consume<SequenceStart>();
        var count = 0;
        try
        {
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                consume(ReadNode(parser, source, anchors, errors, depth + 1));
                count++;
            }
        }
        catch (InvalidOperationException ex) when (start.Style == SequenceStyle.Flow && FromParser(ex))
        {
            throw new UnreadableDocumentException(ToPosition(start.Start), "invalid YAML: this '[' is never closed; end the list with ']'");
        }

        return new StreamedList(ToPosition(start.Start), count);
    }

    // Only YamlDotNet's own state errors are the file's fault; one from the emulator (reading a streamed job) is a bug to surface.
    private static bool FromParser(InvalidOperationException ex) => ex.Source == typeof(Parser).Assembly.GetName().Name;

    private static bool TryEndMapping(IParser parser, MappingStart mapping)
    {
        try
        {
            return parser.TryConsume<MappingEnd>(out _);
        }
        catch (InvalidOperationException ex) when (mapping.Style == MappingStyle.Flow && FromParser(ex))
        {
            // YamlDotNet's scanner fails this way when the file ends inside a flow collection.
            throw new UnreadableDocumentException(ToPosition(mapping.Start), "invalid YAML: this '{' is never closed; end the mapping with '}'");
        }
    }

    // A scenario's mappings are small (a job has two to five keys): scan them, and build a set only for a large one.
    private static bool IsDuplicate(List<KeyValuePair<YamlScalar, YamlNode>> entries, string key, ref HashSet<string>? seen)
    {
        if (seen is null && entries.Count < 16)
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                seen.Add(entry.Key.Value);
            }
        }

        return !seen.Add(key);
    }

    private static SourcePosition? FirstIndentingTab(string text)
    {
        var line = 1;
        var column = 1;
        var indenting = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                indenting = true;
                continue;
            }

            if (indenting && c == '\t')
            {
                return new SourcePosition(line, column);
            }

            indenting &= c == ' ' || c == '\r';
            column++;
        }

        return null;
    }

    // YamlDotNet's messages name the parser's state; say what usually causes each in a scenario.
    private static string Hint(string message) =>
        message.Contains("found invalid mapping", StringComparison.Ordinal) ? " A ': ' here starts a mapping where none can be: quote the value if the colon belongs to it, or fix the indentation."
        : message.Contains("did not find expected key", StringComparison.Ordinal) ? " Something here breaks the mapping: check that this line's key lines up with the keys above it, and that no text follows a value."
        : message.Contains("could not find expected ':'", StringComparison.Ordinal) ? " Expected 'key: value' here."
        : string.Empty;

    private static SourcePosition ToPosition(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported separately.
    private static string CleanMessage(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line:", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    // Stops reading a document that cannot be read further; carries the one error to report.
    private sealed class UnreadableDocumentException(SourcePosition position, string message) : Exception(message)
    {
        public SourcePosition Position { get; } = position;
    }
}
