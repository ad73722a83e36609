namespace JobEmulator.Tests.Shared;

/// <summary>
/// How a corpus breaks a valid template one line at a time, and finds where the error must point: the spot is marked
/// in the text with <c>»</c>, removed before the bytes are written (shared by the scenario and dialect corpora).
/// </summary>
internal static class CorpusText
{
    public const string Marker = "»";

    /// <summary>The template with the value on <paramref name="line"/> replaced (marked at its start unless it marks its own spot).</summary>
    public static string ReplaceValue(string[] template, int line, string value)
    {
        var lines = (string[])template.Clone();
        var text = lines[line - 1];
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var marked = value.Contains(Marker, StringComparison.Ordinal) ? value : Marker + value;
        lines[line - 1] = colon >= 0 ? text[..(colon + 2)] + marked : text[..(text.IndexOf("- ", StringComparison.Ordinal) + 2)] + marked;
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The template with the key on <paramref name="line"/> replaced by <paramref name="key"/>, marked.</summary>
    public static string ReplaceKey(string[] template, int line, string key)
    {
        var lines = (string[])template.Clone();
        var text = lines[line - 1];
        var start = text.Length - text.TrimStart(' ', '-').Length;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        lines[line - 1] = text[..start] + Marker + key + text[colon..];
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The template with lines inserted after <paramref name="line"/>; one starting with the marker takes that line's indentation.</summary>
    public static string InsertAfter(string[] template, int line, params string[] inserted)
    {
        var lines = template.ToList();
        lines.InsertRange(line, inserted.Select(l => l.StartsWith(Marker, StringComparison.Ordinal) ? Indent(template[line - 1]) + l : l));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The template with lines <paramref name="first"/> to <paramref name="last"/> replaced.</summary>
    public static string ReplaceLines(string[] template, int first, int last, params string[] replacement)
    {
        var lines = template.ToList();
        lines.RemoveRange(first - 1, last - first + 1);
        lines.InsertRange(first - 1, replacement);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The indentation of a line's key (a list item's dash counts as indentation).</summary>
    public static string Indent(string line) => new(' ', line.Length - line.TrimStart(' ', '-').Length);

    /// <summary>Removes the marker and returns where it stood (1-based line and column; 0, 0 when unmarked).</summary>
    public static (string Text, int Line, int Column) Locate(string marked)
    {
        var at = marked.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return (marked, 0, 0);
        }

        var before = marked.AsSpan(0, at);
        var line = before.Count('\n') + 1;
        var column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(at, Marker.Length), line, column);
    }
}
