using System.Globalization;

namespace JobEmulator.Core.Yaml;

/// <summary>
/// Durations as scenarios write them: a number and a unit, optionally chained —
/// <c>500ms</c>, <c>3s</c>, <c>2m</c>, <c>1h</c>, <c>30d</c>, <c>1m30s</c>, <c>1.5s</c>.
/// </summary>
public static class DurationText
{
    /// <summary>What a duration must look like, for error messages.</summary>
    public const string Expected = "a duration such as 500ms, 3s, 2m, 1h or 30d";

    // Far beyond any scenario (about 146,000 years), well inside TimeSpan's range.
    private const decimal MaxMilliseconds = 4_611_686_018_427m;

    /// <summary>Parses <paramref name="text"/>; false when it is not a well-formed non-negative duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var total = 0m;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !decimal.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetter(span[unitLength]))
            {
                unitLength++;
            }

            decimal? milliseconds = span[..unitLength] switch
            {
                "ms" => 1m,
                "s" => 1_000m,
                "m" => 60_000m,
                "h" => 3_600_000m,
                "d" => 86_400_000m,
                _ => null,
            };
            if (milliseconds is null)
            {
                return false;
            }

            // Checked before multiplying: decimal overflows around 7.9e28.
            if (amount > MaxMilliseconds / milliseconds.Value)
            {
                return false;
            }

            total += amount * milliseconds.Value;
            span = span[unitLength..];
            if (total > MaxMilliseconds)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)(total * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>True when <paramref name="text"/> is shaped like a duration but too long to represent.</summary>
    internal static bool IsTooLong(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || TryParse(text, out _))
        {
            return false;
        }

        // Same shape with every number shrunk to 1: if that parses, only the size was wrong.
        var shrunk = System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"[0-9.]+", "1", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return TryParse(shrunk, out _);
    }

    /// <summary>
    /// Formats a duration back in the shortest scenario form (<c>1500ms</c> → <c>1.5s</c>), exactly: it reads back as
    /// the same duration, to the tick (<c>0.0001ms</c>).
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (decimal)duration.Ticks / TimeSpan.TicksPerMillisecond;
        return ms switch
        {
            _ when ms != 0 && ms % 86_400_000m == 0 => (ms / 86_400_000m).ToString(CultureInfo.InvariantCulture) + "d",
            _ when ms != 0 && ms % 3_600_000m == 0 => (ms / 3_600_000m).ToString(CultureInfo.InvariantCulture) + "h",
            _ when ms != 0 && ms % 60_000m == 0 => (ms / 60_000m).ToString(CultureInfo.InvariantCulture) + "m",
            _ when ms >= 1000m => (ms / 1000m).ToString("0.#######", CultureInfo.InvariantCulture) + "s",
            _ => ms.ToString("0.####", CultureInfo.InvariantCulture) + "ms",
        };
    }
}
