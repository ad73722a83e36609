using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>One problem found in a scenario source, pointing at the file, line and column.</summary>
/// <param name="Source">The file path (or the name given to an in-memory source).</param>
/// <param name="Position">Where the offending node starts.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioError(string Source, SourcePosition Position, string Message)
{
    private const int MaxQuoted = 80;

    /// <summary>What is wrong and what was expected; text quoted from the file is shortened past 80 characters.</summary>
    public string Message { get; init; } = ShortenQuotes(Message);

    /// <summary>Formats as <c>file:line:column: message</c>, the shape compilers use and editors link.</summary>
    public override string ToString() => $"{Source}:{Position.Line}:{Position.Column}: {Message}";

    // A 2 MB value quoted whole would bury the message; keep its start and say how long it was.
    private static string ShortenQuotes(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= 300)
        {
            return message;
        }

        var shortened = new System.Text.StringBuilder(message.Length);
        var at = 0;
        while (at < message.Length)
        {
            var open = message.IndexOf('\'', at);
            var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
            if (close < 0)
            {
                break;
            }

            var quoted = close - open - 1;
            shortened.Append(message, at, open + 1 - at);
            if (quoted > MaxQuoted)
            {
                shortened.Append(message, open + 1, MaxQuoted).Append("… (").Append(quoted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" characters)");
            }
            else
            {
                shortened.Append(message, open + 1, quoted);
            }

            shortened.Append('\'');
            at = close + 1;
        }

        return at < message.Length ? shortened.Append(message, at, message.Length - at).ToString() : shortened.ToString();
    }
}
