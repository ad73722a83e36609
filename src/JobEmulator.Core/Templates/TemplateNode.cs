using System.Text.Json;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Templates;

/// <summary>
/// A compiled body template: writes JSON straight into a <see cref="Utf8JsonWriter"/> (no reflection, no
/// intermediate objects). A node that may be left out (<c>$if</c> without <c>$else</c>, <c>$switch</c> without
/// <c>$default</c>) says so through <see cref="IsPresent"/>, asked before its key is written.
/// </summary>
internal abstract class TemplateNode<TContext>
{
    public virtual bool IsPresent(TContext context) => true;

    public abstract void Write(Utf8JsonWriter writer, TContext context);

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
                if (node.IsPresent(context))
                {
                    writer.WritePropertyName(key);
                    node.Write(writer, context);
                }
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
                if (item.IsPresent(context))
                {
                    item.Write(writer, context);
                }
            }

            writer.WriteEndArray();
        }
    }

    /// <summary><c>{$if: condition, $then: …, $else: …}</c>; without <c>$else</c>, left out when the condition is false.</summary>
    internal sealed class If(TemplateExpression<TContext> condition, TemplateNode<TContext> then, TemplateNode<TContext>? otherwise) : TemplateNode<TContext>
    {
        public override bool IsPresent(TContext context) => Choose(context) is { } node && node.IsPresent(context);

        public override void Write(Utf8JsonWriter writer, TContext context) => Choose(context)!.Write(writer, context);

        private TemplateNode<TContext>? Choose(TContext context) => condition.Evaluate(context).IsTruthy ? then : otherwise;
    }

    /// <summary><c>{$switch: value, $cases: {word: …}, $default: …}</c>: the case whose key is the value's text.</summary>
    internal sealed class Switch(TemplateExpression<TContext> value, Dictionary<string, TemplateNode<TContext>> cases, TemplateNode<TContext>? otherwise) : TemplateNode<TContext>
    {
        public override bool IsPresent(TContext context) => Choose(context) is { } node && node.IsPresent(context);

        public override void Write(Utf8JsonWriter writer, TContext context) => Choose(context)!.Write(writer, context);

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
                    if (item.IsPresent(context))
                    {
                        item.Write(writer, context);
                    }
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
