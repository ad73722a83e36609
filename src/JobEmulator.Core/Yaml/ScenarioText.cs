using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace JobEmulator.Core.Yaml;

/// <summary>
/// Turns a scenario file's bytes into text the way YAML 1.2 reads a stream: UTF-8 unless a byte-order mark says
/// UTF-16 or UTF-32, and strictly. Bytes that are not valid in the encoding, and characters YAML does not allow
/// (control characters other than tab and line breaks), are errors at their line and column, never replaced quietly.
/// </summary>
internal static class ScenarioText
{
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf32Le = new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
    private static readonly Encoding StrictUtf32Be = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);

    public static string? Decode(ReadOnlySpan<byte> bytes, string source, List<ScenarioError> errors)
    {
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = DecodeUtf8(bytes[3..], source, errors)!;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            text = DecodeOther(bytes[4..], StrictUtf32Le, "UTF-32", source, errors)!;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            text = DecodeOther(bytes[4..], StrictUtf32Be, "UTF-32", source, errors)!;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = DecodeOther(bytes[2..], StrictUtf16Le, "UTF-16", source, errors)!;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = DecodeOther(bytes[2..], StrictUtf16Be, "UTF-16", source, errors)!;
        }
        else
        {
            text = DecodeUtf8(bytes, source, errors)!;
        }

        return text is not null && AllowedCharacters(text, source, errors) ? text : null;
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes, string source, List<ScenarioError> errors)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // Only a broken file pays for finding where: the first byte that does not start a whole character.
        var offset = 0;
        OperationStatus status;
        while ((status = Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed)) == OperationStatus.Done)
        {
            offset += consumed;
        }

        var at = PositionAfter(Encoding.UTF8.GetString(bytes[..offset]));
        var bad = bytes[offset..];
        _ = Rune.DecodeFromUtf8(bad, out _, out var invalid);
        var shown = string.Join(' ', bad[..Math.Max(1, invalid)].ToArray().Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
        var what = status == OperationStatus.NeedMoreData ? "the file ends inside a character" : $"{shown} is not a character";
        errors.Add(new ScenarioError(source, at, $"the file is not valid UTF-8 here: {what}; save the file as UTF-8 (a file from older Windows tools may be in Latin-1 or Windows-1252)"));
        return null;
    }

    private static string? DecodeOther(ReadOnlySpan<byte> bytes, Encoding encoding, string name, string source, List<ScenarioError> errors)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new ScenarioError(source, new SourcePosition(1, 1), $"the file starts with a {name} byte-order mark but is not valid {name}; save the file as UTF-8"));
            return null;
        }
    }

    // YAML 1.2 allows tab, the line breaks and printable characters; the rest cannot appear in a document, even quoted.
    private static bool AllowedCharacters(string text, string source, List<ScenarioError> errors)
    {
        var nonPrintable = FirstNotAllowed(text);
        if (nonPrintable < 0)
        {
            return true;
        }

        var c = text[nonPrintable];
        var at = PositionAfter(text.AsSpan(0, nonPrintable));
        var hint = c == '\0' && nonPrintable <= 1
            ? "; the file may be UTF-16 without a byte-order mark: save it as UTF-8"
            : "; remove it, or write it as an escape such as \\t or \\u0007 inside double quotes";
        errors.Add(new ScenarioError(source, at, $"the control character U+{(int)c:X4} is not allowed in a YAML file{hint}"));
        return false;
    }

    private static int FirstNotAllowed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < ' ' && c is not '\t' and not '\n' and not '\r') || (c >= '\u007f' && c <= '\u009f' && c != '\u0085') || c is '\ufffe' or '\uffff')
            {
                return i;
            }
        }

        return -1;
    }

    // The position just after text (1-based), counting line breaks as YAML does: LF, CRLF, or a lone CR.
    private static SourcePosition PositionAfter(ReadOnlySpan<char> text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourcePosition(line, text.Length - lineStart + 1);
    }
}
