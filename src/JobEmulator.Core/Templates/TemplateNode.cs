using System.Text.Json;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Templates;

/// <summary>
/// A compiled body template: writes JSON straight into a <see cref="Utf8JsonWriter"/> (no reflection, no
/// intermediate objects). A node that may be left out (<c>$if</c> without <c>$else</c>, <c>$switch</c> without
/// <c>$default</c>) decides once, as it is written as a member or an item, and then writes its key too or nothing.
/// </summary>
internal abstract class TemplateNode<TContext>
{
    /// <summary>Writes the node as a whole value (one left out is written as null).</summary>
    public abstract void Write(Utf8JsonWriter writer, TContext context);

    /// <summary>Writes the node as an object's member under <paramref name="key"/>; nothing, key and all, when it is left out.</summary>
    public virtual void WriteMember(Utf8JsonWriter writer, JsonEncodedText key, TContext context)
    {
        writer.WritePropertyName(key);
        Write(writer, context);
    }

    /// <summary>A node left out where a whole value is due (a body that is only an <c>$if</c>) is written as null.</summary>
    protected static void WriteOrNull(Utf8JsonWriter writer, TemplateNode<TContext>? node, TContext context)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.Write(writer, context);
        }
    }

    /// <summary>Writes the node as an array's item; nothing when it is left out.</summary>
    public virtual void WriteItem(Utf8JsonWriter writer, TContext context) => Write(writer, context);

    /// <summary>A value written as it was in the file: no expression anywhere under it.</summary>
    internal sealed class Literal(JsonFragment json) : TemplateNode<TContext>
    {
        public JsonFragment Json { get; } = json;

        public override void Write(Utf8JsonWriter writer, TContext context) => Json.WriteTo(writer);
    }

    /// <summary><c>"{{ job.id }}"</c>: the value with its own type (a number stays a number, a result stays JSON).</summary>
    internal sealed class Value(TemplateExpression<TContext> expression) : TemplateNode<TContext>
    {
        public TemplateExpression<TContext> Expression { get; } = expression;

        public override void Write(Utf8JsonWriter writer, TContext context) => Expression.Evaluate(context).WriteTo(writer);
    }

    /// <summary><c>"{{ request.base_url }}/v1/jobs/{{ job.id }}"</c>: text with values in it.</summary>
    internal sealed class Text(TemplateText<TContext> text) : TemplateNode<TContext>
    {
        public TemplateText<TContext> Template { get; } = text;

        public override void Write(Utf8JsonWriter writer, TContext context) => Template.WriteTo(writer, context);
    }

    /// <summary>A JSON object; members that are not present are left out, key and all.</summary>
    internal sealed class Object((JsonEncodedText Key, TemplateNode<TContext> Node)[] members) : TemplateNode<TContext>
    {
        public override void Write(Utf8JsonWriter writer, TContext context)
        {
            writer.WriteStartObject();
            foreach (var (key, node) in members)
            {
                node.WriteMember(writer, key, context);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>A JSON array; items that are not present are left out.</summary>
    internal sealed class Array(TemplateNode<TContext>[] items) : TemplateNode<TContext>
    {
        public override void Write(Utf8JsonWriter writer, TContext context)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteItem(writer, context);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary><c>{$if: condition, $then: …, $else: …}</c>; without <c>$else</c>, left out when the condition is false.</summary>
    internal sealed class If(TemplateExpression<TContext> condition, TemplateNode<TContext> then, TemplateNode<TContext>? otherwise) : TemplateNode<TContext>
    {
        public override void Write(Utf8JsonWriter writer, TContext context) => WriteOrNull(writer, Choose(context), context);

        public override void WriteMember(Utf8JsonWriter writer, JsonEncodedText key, TContext context) => Choose(context)?.WriteMember(writer, key, context);

        public override void WriteItem(Utf8JsonWriter writer, TContext context) => Choose(context)?.WriteItem(writer, context);

        private TemplateNode<TContext>? Choose(TContext context) => condition.Evaluate(context).IsTruthy ? then : otherwise;
    }

    /// <summary><c>{$switch: value, $cases: {word: …}, $default: …}</c>: the case whose key is the value's text.</summary>
    internal sealed class Switch(TemplateExpression<TContext> value, Dictionary<string, TemplateNode<TContext>> cases, TemplateNode<TContext>? otherwise) : TemplateNode<TContext>
    {
        public override void Write(Utf8JsonWriter writer, TContext context) => WriteOrNull(writer, Choose(context), context);

        public override void WriteMember(Utf8JsonWriter writer, JsonEncodedText key, TContext context) => Choose(context)?.WriteMember(writer, key, context);

        public override void WriteItem(Utf8JsonWriter writer, TContext context) => Choose(context)?.WriteItem(writer, context);

        private TemplateNode<TContext>? Choose(TContext context) =>
            cases.TryGetValue(value.Evaluate(context).ToText(), out var node) ? node : otherwise;
    }

    /// <summary><c>{$each: jobs, $value: …}</c>: an array with one item per element of a list.</summary>
    internal sealed class Each(TemplateList<TContext> list, TemplateNode<TContext> item) : TemplateNode<TContext>
    {
        public override void Write(Utf8JsonWriter writer, TContext context)
        {
            writer.WriteStartArray();
            var count = list.Count(context);
            for (var i = 0; i < count; i++)
            {
                list.Enter(context, i);
                try
                {
                    item.WriteItem(writer, context);
                }
                finally
                {
                    list.Exit(context);
                }
            }

            writer.WriteEndArray();
        }
    }
}
