using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Templates;

/// <summary>What a template expression evaluates to.</summary>
internal enum TemplateValueKind : byte
{
    /// <summary>JSON <c>null</c>: an absent value.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A number, written with the scale it has (<c>2497.60</c> stays <c>2497.60</c>).</summary>
    Number,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A JSON value rendered earlier (a job field, a result): copied as it is.</summary>
    Json,

    /// <summary>An instant on the emulator's clock, written as ISO-8601 to the second unless a filter says otherwise.</summary>
    Time,
}

/// <summary>
/// One value of a template expression: a small struct, so evaluating a body allocates only the text it builds.
/// </summary>
internal readonly struct TemplateValue
{
    private readonly object? _reference; // string (Text) or JsonFragment (Json)
    private readonly decimal _number; // Number; Boolean as 0/1
    private readonly long _ticks; // Time: UTC ticks

    private TemplateValue(TemplateValueKind kind, object? reference, decimal number, long ticks)
    {
        Kind = kind;
        _reference = reference;
        _number = number;
        _ticks = ticks;
    }

    public static TemplateValue Null => default;

    public static TemplateValue True { get; } = new(TemplateValueKind.Boolean, null, 1, 0);

    public static TemplateValue False { get; } = new(TemplateValueKind.Boolean, null, 0, 0);

    public TemplateValueKind Kind { get; }

    public bool IsNull => Kind == TemplateValueKind.Null || (Kind == TemplateValueKind.Json && AsFragment.Utf8.SequenceEqual("null"u8));

    public decimal AsNumber => _number;

    public string AsText => (string)_reference!;

    public JsonFragment AsFragment => (JsonFragment)_reference!;

    public DateTimeOffset AsTime => new(_ticks, TimeSpan.Zero);

    public static TemplateValue Boolean(bool value) => value ? True : False;

    public static TemplateValue Number(decimal value) => new(TemplateValueKind.Number, null, value, 0);

    public static TemplateValue Text(string? value) => value is null ? Null : new(TemplateValueKind.Text, value, 0, 0);

    public static TemplateValue Json(JsonFragment? value) => value is null ? Null : new(TemplateValueKind.Json, value, 0, 0);

    public static TemplateValue Time(DateTimeOffset? value) => value is { } time ? new(TemplateValueKind.Time, null, 0, time.UtcTicks) : Null;

    /// <summary>A literal JSON value as the value it is: a string as text, a number as a number, null as null, anything else as JSON.</summary>
    public static TemplateValue FromJson(JsonFragment json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(json.Utf8);
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => Text(reader.GetString()),
            JsonTokenType.Number when reader.TryGetDecimal(out var number) => Number(number),
            JsonTokenType.Null => Null,
            JsonTokenType.True => True,
            JsonTokenType.False => False,
            _ => Json(json),
        };
    }

    /// <summary>False for null, <c>false</c>, zero, empty text and the JSON literals <c>null</c>, <c>false</c> and <c>""</c>; true otherwise.</summary>
    public bool IsTruthy => Kind switch
    {
        TemplateValueKind.Null => false,
        TemplateValueKind.Boolean or TemplateValueKind.Number => _number != 0,
        TemplateValueKind.Text => AsText.Length > 0,
        TemplateValueKind.Json => !(AsFragment.Utf8.SequenceEqual("null"u8) || AsFragment.Utf8.SequenceEqual("false"u8) || AsFragment.Utf8.SequenceEqual("\"\""u8)),
        _ => true,
    };

    /// <summary>
    /// The value as text inside a string: null is empty (as C#'s <c>$"…"</c> writes it), a JSON string its content,
    /// other JSON its text, a number with its scale, an instant as ISO-8601 to the second.
    /// </summary>
    public string ToText() => Kind switch
    {
        TemplateValueKind.Null => "",
        TemplateValueKind.Boolean => _number != 0 ? "true" : "false",
        TemplateValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        TemplateValueKind.Text => AsText,
        TemplateValueKind.Time => IsoTime.ToText(AsTime),
        _ => FragmentText(AsFragment),
    };

    /// <summary>Writes the value as the next JSON value.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case TemplateValueKind.Null:
                writer.WriteNullValue();
                break;
            case TemplateValueKind.Boolean:
                writer.WriteBooleanValue(_number != 0);
                break;
            case TemplateValueKind.Number when _number.Scale == 0 && _number is >= long.MinValue and <= long.MaxValue:
                writer.WriteNumberValue((long)_number); // the same digits, written faster
                break;
            case TemplateValueKind.Number:
                writer.WriteNumberValue(_number);
                break;
            case TemplateValueKind.Text:
                writer.WriteStringValue(AsText);
                break;
            case TemplateValueKind.Time:
                IsoTime.WriteValue(writer, AsTime);
                break;
            default:
                AsFragment.WriteTo(writer);
                break;
        }
    }

    /// <summary>Two values are equal when their texts are (<c>'3' == 3</c>), or when both are null.</summary>
    public bool EqualTo(TemplateValue other) =>
        IsNull ? other.IsNull : !other.IsNull && string.Equals(ToText(), other.ToText(), StringComparison.Ordinal);

    private static string FragmentText(JsonFragment fragment)
    {
        var reader = new Utf8JsonReader(fragment.Utf8);
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Null => "",
            _ => System.Text.Encoding.UTF8.GetString(fragment.Utf8),
        };
    }
}
