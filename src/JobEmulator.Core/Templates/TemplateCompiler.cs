using System.Text.Json;
using JobEmulator.Core.Json;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Templates;

/// <summary>
/// Compiles a body written as YAML that mirrors its JSON into a <see cref="TemplateNode{TContext}"/>. Text may hold
/// <c>{{ expression }}</c>: alone, the value keeps its own type; among other text, it is written into the text. A
/// mapping whose keys start with <c>$</c> is a directive: <c>$if</c>/<c>$then</c>/<c>$else</c>,
/// <c>$switch</c>/<c>$cases</c>/<c>$default</c>, <c>$each</c>/<c>$value</c>, <c>$use</c> (a named template) and
/// <c>$literal</c> (a value written as it is, <c>$</c> keys and <c>{{</c> included). Every problem is recorded on the
/// <see cref="NodeReader"/> at its line and column; the result is then null.
/// </summary>
internal sealed partial class TemplateCompiler<TContext>(NodeReader reader, IReadOnlyDictionary<string, YamlNode> named, ISet<string>? used = null)
{
    private static readonly string[] Directives = ["$if", "$then", "$else", "$switch", "$cases", "$default", "$each", "$value", "$use", "$literal"];

    private readonly List<string> _using = [];

    public TemplateNode<TContext>? Compile(YamlNode node, TemplateScope<TContext> scope)
    {
        var errors = reader.Errors.Count;
        var compiled = Node(node, scope);
        return reader.Errors.Count == errors ? compiled : null;
    }

    /// <summary>Compiles one bare expression (a <c>$if</c> condition, an id format), with or without its <c>{{ }}</c>.</summary>
    public TemplateExpression<TContext>? Expression(YamlNode node, TemplateScope<TContext> scope, string what)
    {
        if (node is not YamlScalar { IsNull: false } scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            reader.Error(node, $"{what} must be an expression such as job.status == 'failed'; found {node.Describe()}");
            return null;
        }

        var text = scalar.Value.Trim();
        var start = scalar.Value.IndexOf(text, StringComparison.Ordinal);
        if (text.StartsWith("{{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal) && text.Length >= 4)
        {
            text = text[2..^2];
            start += 2;
        }

        return Bind(scalar, text, start, scope);
    }

    private TemplateNode<TContext>? Node(YamlNode node, TemplateScope<TContext> scope) => node switch
    {
        YamlScalar scalar => Scalar(scalar, scope),
        YamlList list => List(list, scope),
        YamlMap map when map.Entries.Any(e => e.Key.Value.StartsWith('$')) => Directive(map, scope),
        YamlMap map => Map(map, scope),
        _ => null,
    };

    /// <summary>Compiles text with expressions in it (an id's format, a header's value); a value that is not text is refused.</summary>
    public TemplateText<TContext>? Text(YamlNode node, TemplateScope<TContext> scope, string what)
    {
        if (node is not YamlScalar { IsNull: false } scalar || (scalar.IsPlain && scalar.Value is "true" or "false"))
        {
            reader.Error(node, $"{what} must be text, with {{{{ expressions }}}} in it where it varies; found {node.Describe()}");
            return null;
        }

        return Parts(scalar, scope, out var literals, out var values) ? new TemplateText<TContext>([.. literals], [.. values]) : null;
    }

    /// <summary>
    /// Compiles one value (an error kind's message): <c>{{ expression }}</c> alone keeps its type, text with expressions in
    /// it is text, and a plain value is what YAML makes of it (<c>12</c> a number, <c>null</c> null).
    /// </summary>
    public TemplateExpression<TContext>? Value(YamlNode node, TemplateScope<TContext> scope, string what)
    {
        if (node is not YamlScalar scalar)
        {
            reader.Error(node, $"{what} must be one value (text, a number, or {{{{ an expression }}}}); found {node.Describe()}");
            return null;
        }

        return Scalar(scalar, scope) switch
        {
            TemplateNode<TContext>.Value value => value.Expression,
            TemplateNode<TContext>.Text text => new TemplateExpression<TContext>.Rendered(text.Template),
            _ => null,
        };
    }

    private TemplateNode<TContext>? Scalar(YamlScalar scalar, TemplateScope<TContext> scope)
    {
        if (!scalar.Value.Contains("{{", StringComparison.Ordinal))
        {
            // Through the writer, not as raw bytes: text is escaped by the writer's own encoder, as a C# body's is.
            return YamlJson.ToFragment(scalar, reader, "a value") is { } json ? new TemplateNode<TContext>.Value(new TemplateExpression<TContext>.Constant(TemplateValue.FromJson(json))) : null;
        }

        if (!Parts(scalar, scope, out var literals, out var values))
        {
            return null;
        }

        return values.Count == 1 && literals[0].Length == 0 && literals[1].Length == 0
            ? new TemplateNode<TContext>.Value(values[0])
            : new TemplateNode<TContext>.Text(new TemplateText<TContext>([.. literals], [.. values]));
    }

    // Splits "a {{ x }} b" into literals ["a ", " b"] and values [x]: one more literal than values.
    private bool Parts(YamlScalar scalar, TemplateScope<TContext> scope, out List<string> literals, out List<TemplateExpression<TContext>> values)
    {
        var value = scalar.Value;
        literals = [];
        values = [];
        var at = 0;
        var open = value.IndexOf("{{", StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = value.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                reader.Error(At(scalar, open), "an unclosed '{{': expected '}}' after the expression (write a literal '{{' as {{ '{{' }})");
                return false;
            }

            literals.Add(value[at..open]);
            if (Bind(scalar, value[(open + 2)..close], open + 2, scope) is not { } expression)
            {
                return false;
            }

            values.Add(expression);
            at = close + 2;
            open = value.IndexOf("{{", at, StringComparison.Ordinal);
        }

        literals.Add(value[at..]);
        return true;
    }

    private TemplateNode<TContext>? List(YamlList list, TemplateScope<TContext> scope)
    {
        var items = new TemplateNode<TContext>[list.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            if (Node(list.Items[i], scope) is not { } item)
            {
                return null;
            }

            items[i] = item;
        }

        return new TemplateNode<TContext>.Array(items);
    }

    private TemplateNode<TContext>? Map(YamlMap map, TemplateScope<TContext> scope)
    {
        var members = new (JsonEncodedText, TemplateNode<TContext>)[map.Entries.Count];
        var ok = true;
        for (var i = 0; i < members.Length; i++)
        {
            var (key, value) = (map.Entries[i].Key, map.Entries[i].Value);
            if (Node(value, scope) is { } member)
            {
                members[i] = (JsonEncodedText.Encode(key.Value, JsonFragment.Encoder), member);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new TemplateNode<TContext>.Object(members) : null;
    }

    private TemplateNode<TContext>? Literal(YamlNode node) =>
        YamlJson.ToFragment(node, reader, "a body") is { } json ? new TemplateNode<TContext>.Literal(json) : null;

    private TemplateExpression<TContext>? Bind(YamlScalar scalar, string text, int offset, TemplateScope<TContext> scope)
    {
        try
        {
            return TemplateExpression<TContext>.Compile(text, scope);
        }
        catch (ExpressionException ex)
        {
            reader.Error(At(scalar, offset + ex.Offset), ex.Message);
            return null;
        }
    }

    // Where a character of a scalar's text is in the file: exact for text on one line (a quote moves it by one); for
    // text over several lines, where the text starts.
    private static SourcePosition At(YamlScalar scalar, int offset) =>
        scalar.Value.Contains('\n', StringComparison.Ordinal)
            ? scalar.Position
            : new SourcePosition(scalar.Position.Line, scalar.Position.Column + offset + (scalar.IsPlain ? 0 : 1));
}
