using System.Buffers;
using System.Text.Json;

namespace JobEmulator.Core.Templates;

/// <summary>
/// Text with expressions in it (<c>job_{{ fake.text(12, 'abc') }}</c>, <c>{{ request.base_url }}/v1/jobs/{{ job.id }}</c>):
/// literals and values alternate, one more literal than values; a null value is written as nothing.
/// </summary>
internal sealed class TemplateText<TContext>(string[] literals, TemplateExpression<TContext>[] values)
{
    /// <summary>The text for <paramref name="context"/>.</summary>
    public string Render(TContext context)
    {
        if (values.Length == 1 && literals[0].Length == 0 && literals[1].Length == 0)
        {
            return values[0].Evaluate(context).ToText();
        }

        var buffer = Compose(context, out var length);
        try
        {
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the text as a JSON string, composed in a pooled buffer: a poll allocates no URL string.</summary>
    public void WriteTo(Utf8JsonWriter writer, TContext context)
    {
        var buffer = Compose(context, out var length);
        try
        {
            writer.WriteStringValue(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private char[] Compose(TContext context, out int length)
    {
        var buffer = ArrayPool<char>.Shared.Rent(256);
        length = 0;
        for (var i = 0; i < literals.Length; i++)
        {
            Append(ref buffer, ref length, literals[i]);
            if (i < values.Length)
            {
                Append(ref buffer, ref length, values[i].Evaluate(context).ToText());
            }
        }

        return buffer;
    }

    private static void Append(ref char[] buffer, ref int length, string text)
    {
        if (length + text.Length > buffer.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + text.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = larger;
        }

        text.CopyTo(buffer.AsSpan(length));
        length += text.Length;
    }
}
