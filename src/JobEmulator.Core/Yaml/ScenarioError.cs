

namespace JobEmulator.Core.Yaml;

/// <summary>One problem found in a scenario source, pointing at the file, line and column.</summary>
public sealed class ScenarioError
{
    private const int MaxMessage = 600;

    /// <summary>A problem at <paramref name="position"/> of <paramref name="source"/>: <paramref name="message"/> says what is wrong and what was expected.</summary>
    public ScenarioError(string source, SourcePosition position, string message)
    {
        Source = source;
        Position = position;
        Message = Shorten(message);
    }

    /// <summary>The file path (or the name given to an in-memory source).</summary>
    public string Source { get; }

    /// <summary>Where the offending node starts.</summary>
    public SourcePosition Position { get; }

    /// <summary>What is wrong and what was expected; past 600 characters (a huge value quoted whole), its middle is left out.</summary>
    public string Message { get; }

    /// <summary>Formats as <c>file:line:column: message</c>, the shape compilers use and editors link.</summary>
    public override string ToString() => $"{Source}:{Position.Line}:{Position.Column}: {Message}";

    // A 2 MB value quoted whole would bury the message: keep its start (what is wrong) and its end (what was expected).
    private static string Shorten(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= MaxMessage)
        {
            return message;
        }

        var head = char.IsHighSurrogate(message[399]) ? 399 : 400;
        var tail = char.IsLowSurrogate(message[^150]) ? 149 : 150;
        var left = message.Length - head - tail;
        return string.Concat(message.AsSpan(0, head), $"… ({left.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters left out) …", message.AsSpan(message.Length - tail));
    }
}
