using System.Globalization;
using System.Text;
using JobEmulator.Core.Engine;

namespace JobEmulator.Testing.Assertions;

/// <summary>Renders journal entries as the timeline assertion failures show.</summary>
public static class Timeline
{
    /// <summary>The most lines a timeline shows; earlier ones are summarised.</summary>
    public const int MaxLines = 60;

    /// <summary>
    /// One line per entry: sequence, clock time, time since the previous entry shown, request, credential and
    /// answer; <paramref name="notes"/> adds a remark after the entries it names (by sequence).
    /// </summary>
    public static string Format(IReadOnlyList<JournalEntry> entries, IReadOnlyDictionary<long, string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return "  (no requests)";
        }

        var text = new StringBuilder();
        var skip = Math.Max(0, entries.Count - MaxLines);
        if (skip > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  … {skip} earlier request(s) not shown").AppendLine();
        }

        for (var i = skip; i < entries.Count; i++)
        {
            var entry = entries[i];
            var since = i == 0 ? "" : "+" + Seconds(entry.Time - entries[i - 1].Time);
            text.Append(CultureInfo.InvariantCulture, $"  #{entry.Sequence,-4} {entry.Time:yyyy-MM-dd HH:mm:ss.fff} {since,-10} {entry.Method} {entry.Path}{entry.Query}");
            text.Append(entry.Credential is null ? "  (no credential)" : $"  [{entry.Credential}]");
            text.Append(CultureInfo.InvariantCulture, $"  -> {entry.StatusCode} {entry.Outcome}");
            if (entry.RetryAfter is { } retryAfter)
            {
                text.Append(CultureInfo.InvariantCulture, $" (Retry-After: {retryAfter.TotalSeconds:0.###}s)");
            }

            if (notes is not null && notes.TryGetValue(entry.Sequence, out var note))
            {
                text.Append("   <-- ").Append(note);
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>A duration as seconds with up to three decimals (<c>2.5s</c>).</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
