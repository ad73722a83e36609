namespace JobEmulator.Core.Templates;

/// <summary>A parsed template expression, before its names are bound; <see cref="Offset"/> is where it starts in the expression's text.</summary>
internal abstract record ExpressionSyntax(int Offset);

/// <summary>A literal: <c>'text'</c>, <c>12.50</c>, <c>true</c>, <c>null</c>.</summary>
internal sealed record LiteralSyntax(int Offset, TemplateValue Value) : ExpressionSyntax(Offset);

/// <summary>A dotted name: <c>job.fields.type</c>.</summary>
internal sealed record PathSyntax(int Offset, IReadOnlyList<string> Segments) : ExpressionSyntax(Offset)
{
    public string Text => string.Join('.', Segments);
}

/// <summary>A call of a named function: <c>fake.int(1, 12)</c>.</summary>
internal sealed record CallSyntax(int Offset, PathSyntax Name, IReadOnlyList<ExpressionSyntax> Arguments) : ExpressionSyntax(Offset);

/// <summary>A filter applied to a value: <c>job.created_at | iso8601</c>, <c>x | round(1)</c>.</summary>
internal sealed record FilterSyntax(int Offset, ExpressionSyntax Input, string Name, IReadOnlyList<ExpressionSyntax> Arguments) : ExpressionSyntax(Offset);

/// <summary>A binary operator: <c>==</c>, <c>!=</c>, <c>and</c>, <c>or</c>, <c>??</c>.</summary>
internal sealed record BinarySyntax(int Offset, string Operator, ExpressionSyntax Left, ExpressionSyntax Right) : ExpressionSyntax(Offset);

/// <summary><c>not x</c>.</summary>
internal sealed record NotSyntax(int Offset, ExpressionSyntax Operand) : ExpressionSyntax(Offset);

/// <summary><c>condition ? then : otherwise</c>.</summary>
internal sealed record ConditionalSyntax(int Offset, ExpressionSyntax Condition, ExpressionSyntax Then, ExpressionSyntax Otherwise) : ExpressionSyntax(Offset);

/// <summary>A problem in an expression's text, at an offset into it.</summary>
internal sealed class ExpressionException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}
