using System.Text.Json;

namespace JobEmulator.Core.Json;

/// <summary>
/// Timestamps as all five vendor documents print them: ISO-8601 UTC to the whole second with a
/// <c>Z</c> (<c>2024-01-27T10:30:00Z</c>). Sub-second parts are truncated, as the vendors' own
/// examples imply (Aitronos reports 2.3 s of processing between :00 and :02).
/// </summary>
internal static class IsoTime
{
    /// <summary>Writes <paramref name="time"/> as the value of <paramref name="name"/>, without allocating.</summary>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[20];
        Format(time, buffer);
        writer.WriteString(name, buffer);
    }

    /// <summary>Writes the timestamp, or JSON null when there is none.</summary>
    public static void WriteOrNull(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (time is { } value)
        {
            Write(writer, name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="time"/> as the next value, without allocating.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[20];
        Format(time, buffer);
        writer.WriteStringValue(buffer);
    }

    /// <summary>Formats as text (for messages and tests).</summary>
    public static string ToText(DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[20];
        Format(time, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private static void Format(DateTimeOffset time, Span<byte> buffer)
    {
        var utc = time.UtcDateTime;
        utc.TryFormat(buffer, out _, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
