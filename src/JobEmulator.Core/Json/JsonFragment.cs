using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JobEmulator.Core.Json;

/// <summary>
/// A JSON value rendered once, at load time, to UTF-8 bytes, so the status hot path copies bytes
/// instead of serializing objects. Scripted results, generated results and job attributes are fragments.
/// </summary>
public sealed class JsonFragment
{
    /// <summary>The encoder every emulator body uses: vendors send <c>'</c>, <c>&lt;</c> and non-ASCII text unescaped.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = false };

    private readonly byte[] _utf8;

    private JsonFragment(byte[] utf8) => _utf8 = utf8;

    /// <summary>The JSON <c>null</c> literal.</summary>
    public static JsonFragment Null { get; } = new("null"u8.ToArray());

    /// <summary>The fragment's UTF-8 JSON text.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>Renders a value by calling <paramref name="write"/> once on a fresh writer.</summary>
    public static JsonFragment Build(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return new JsonFragment(buffer.WrittenSpan.ToArray());
    }

    /// <summary>A JSON string.</summary>
    public static JsonFragment Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Build(w => w.WriteStringValue(value));
    }

    /// <summary>A JSON number, written with the scale it was given (<c>1250.00</c> stays <c>1250.00</c>).</summary>
    public static JsonFragment Number(decimal value) => Build(w => w.WriteNumberValue(value));

    /// <summary>Copies the fragment into <paramref name="writer"/> as the next value.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_utf8, skipInputValidation: true);
    }

    /// <summary>Parses the fragment back into a <see cref="JsonElement"/> (for tests and diagnostics).</summary>
    public JsonElement ToElement()
    {
        using var document = JsonDocument.Parse(_utf8);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(_utf8);
}
