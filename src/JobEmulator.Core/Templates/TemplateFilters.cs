using System.Globalization;

namespace JobEmulator.Core.Templates;

/// <summary>Applies a filter to its input, with its evaluated arguments.</summary>
internal delegate TemplateValue TemplateApply(TemplateValue input, ReadOnlySpan<TemplateValue> arguments);

/// <summary>
/// The filters every template may apply with <c>|</c>, and the functions every scope has. Each takes null to null,
/// so <c>{{ job.finished_at | iso8601 }}</c> writes null for a job that has not finished.
/// </summary>
internal static class TemplateFilters
{
    /// <summary>Every filter, with how it is written: the reference's list.</summary>
    public static IReadOnlyDictionary<string, string> Usage { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["iso8601"] = "an instant as ISO-8601 UTC to the second: 2024-01-27T10:30:00Z (the default for an instant)",
        ["iso8601_ms"] = "an instant as ISO-8601 UTC to the millisecond: 2024-01-27T10:30:00.000Z",
        ["unix_seconds"] = "an instant as whole seconds since 1970-01-01 (a number)",
        ["unix_ms"] = "an instant as whole milliseconds since 1970-01-01 (a number)",
        ["string"] = "the value as text: 42 becomes \"42\"",
        ["number"] = "text that holds a number as that number; other text is refused (null)",
        ["round(n)"] = "a number rounded to n decimal places (a half to the even neighbour, as .NET rounds)",
        ["upper"] = "text in upper case",
        ["lower"] = "text in lower case",
    };

    private static readonly Dictionary<string, (int Arguments, TemplateApply Apply)> Filters = new(StringComparer.Ordinal)
    {
        ["iso8601"] = (0, (v, _) => v.IsNull || v.Kind == TemplateValueKind.Time ? v : TemplateValue.Time(AsTime(v))), // an instant is written so already
        ["iso8601_ms"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Text(AsTime(v).UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture))),
        ["unix_seconds"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Number(AsTime(v).ToUnixTimeSeconds())),
        ["unix_ms"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Number(AsTime(v).ToUnixTimeMilliseconds())),
        ["string"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Text(v.ToText())),
        ["number"] = (0, (v, _) => v.Kind == TemplateValueKind.Number ? v
            : decimal.TryParse(v.ToText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? TemplateValue.Number(n) : TemplateValue.Null),
        ["round"] = (1, (v, a) => v.Kind != TemplateValueKind.Number ? v : TemplateValue.Number(Math.Round(v.AsNumber, (int)a[0].AsNumber))),
        ["upper"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Text(v.ToText().ToUpperInvariant())),
        ["lower"] = (0, (v, _) => v.IsNull ? v : TemplateValue.Text(v.ToText().ToLowerInvariant())),
    };

    /// <summary>Binds <paramref name="filter"/> to its input and arguments, checking its name and arity.</summary>
    public static TemplateExpression<TContext> Bind<TContext>(FilterSyntax filter, TemplateExpression<TContext> input, TemplateExpression<TContext>[] arguments)
    {
        if (!Filters.TryGetValue(filter.Name, out var known))
        {
            throw new ExpressionException(filter.Offset, $"unknown filter '{filter.Name}'; expected one of: {string.Join(", ", Usage.Keys)}");
        }

        if (arguments.Length != known.Arguments)
        {
            var usage = Usage.Keys.First(k => k == filter.Name || k.StartsWith(filter.Name + "(", StringComparison.Ordinal));
            throw new ExpressionException(filter.Offset, $"the filter '{filter.Name}' takes {known.Arguments} argument{(known.Arguments == 1 ? "" : "s")}; found {arguments.Length}: write it as | {usage}");
        }

        if (filter.Name == "round" && (arguments[0] is not TemplateExpression<TContext>.Constant { Value: { Kind: TemplateValueKind.Number } places } || places.AsNumber is < 0 or > 28 || places.AsNumber != Math.Floor(places.AsNumber)))
        {
            throw new ExpressionException(filter.Offset, "round(n) takes a whole number of decimal places from 0 to 28, written out: | round(1)");
        }

        return new TemplateExpression<TContext>.Filtered(input, arguments, known.Apply);
    }

    /// <summary>Adds the functions every scope has: <c>seconds_between(from, to)</c>.</summary>
    public static TemplateScope<TContext> WithCommonFunctions<TContext>(this TemplateScope<TContext> scope) =>
        scope.Function("seconds_between", new(2, 2, static (_, a) => a[0].IsNull || a[1].IsNull
            ? TemplateValue.Null
            : TemplateValue.Number((decimal)(AsTime(a[1]) - AsTime(a[0])).TotalSeconds), "seconds_between(from, to): the seconds from one instant to another, a number"));

    private static DateTimeOffset AsTime(TemplateValue value) =>
        value.Kind == TemplateValueKind.Time ? value.AsTime
            : DateTimeOffset.TryParse(value.ToText(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : default;
}
