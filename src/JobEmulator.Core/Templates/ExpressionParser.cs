
namespace JobEmulator.Core.Templates;

/// <summary>
/// Parses the expression inside <c>{{ … }}</c>. The grammar, loosest first:
/// <code>
/// expr     := or ('?' expr ':' expr)?
/// or       := and ('or' and)*
/// and      := not ('and' not)*
/// not      := 'not' not | compare
/// compare  := coalesce (('==' | '!=') coalesce)?
/// coalesce := sum ('??' sum)*
/// sum      := filtered ('+' filtered)*      (numbers add; anything else joins as text)
/// filtered := primary ('|' name ('(' args ')')?)*
/// primary  := 'text' | "text" | number | true | false | null | name ('(' args ')')? | '(' expr ')'
/// name     := word ('.' word)*
/// </code>
/// </summary>
internal sealed partial class ExpressionParser
{
    private readonly string _text;
    private int _at;

    private ExpressionParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/> whole.</summary>
    /// <exception cref="ExpressionException">The text is not an expression; its offset says where.</exception>
    public static ExpressionSyntax Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        parser.SkipSpace();
        if (parser.AtEnd)
        {
            throw new ExpressionException(0, "an empty expression; expected a name such as job.id, a 'quoted text' or a number");
        }

        var expression = parser.Expression();
        parser.SkipSpace();
        if (!parser.AtEnd && parser._text[parser._at] == '=')
        {
            throw new ExpressionException(parser._at, "'=' is not an operator: compare with '=='");
        }

        if (!parser.AtEnd)
        {
            throw new ExpressionException(parser._at, $"unexpected '{parser.Rest()}' after the expression; expected an operator (==, !=, ??, +, and, or, ?, |) or the end");
        }

        return expression;
    }

    private bool AtEnd => _at >= _text.Length;

    private ExpressionSyntax Expression()
    {
        var condition = Or();
        if (!Take("?"))
        {
            return condition;
        }

        var then = Expression();
        if (!Take(":"))
        {
            throw new ExpressionException(_at, $"a condition '? then' needs ': otherwise'; found {Found()}");
        }

        return new ConditionalSyntax(condition.Offset, condition, then, Expression());
    }

    private ExpressionSyntax Or()
    {
        var left = And();
        while (TakeWord("or"))
        {
            left = new BinarySyntax(left.Offset, "or", left, And());
        }

        return left;
    }

    private ExpressionSyntax And()
    {
        var left = Not();
        while (TakeWord("and"))
        {
            left = new BinarySyntax(left.Offset, "and", left, Not());
        }

        return left;
    }

    private ExpressionSyntax Not()
    {
        SkipSpace();
        var start = _at;
        return TakeWord("not") ? new NotSyntax(start, Not()) : Compare();
    }

    private ExpressionSyntax Compare()
    {
        var left = Coalesce();
        foreach (var op in (ReadOnlySpan<string>)["==", "!="])
        {
            if (Take(op))
            {
                return new BinarySyntax(left.Offset, op, left, Coalesce());
            }
        }

        return left;
    }

    private ExpressionSyntax Coalesce()
    {
        var left = Sum();
        while (Take("??"))
        {
            left = new BinarySyntax(left.Offset, "??", left, Sum());
        }

        return left;
    }

    private ExpressionSyntax Sum()
    {
        var left = Filtered();
        while (Take("+"))
        {
            left = new BinarySyntax(left.Offset, "+", left, Filtered());
        }

        return left;
    }

    private ExpressionSyntax Filtered()
    {
        var value = Primary();
        while (Take("|"))
        {
            SkipSpace();
            var start = _at;
            var name = Word() ?? throw new ExpressionException(_at, $"a filter's name after '|'; found {Found()}");
            value = new FilterSyntax(start, value, name, Take("(") ? Arguments() : []);
        }

        return value;
    }

    private ExpressionSyntax Primary()
    {
        SkipSpace();
        var start = _at;
        if (AtEnd)
        {
            throw new ExpressionException(_at, "the expression ends too early; expected a name, a 'quoted text' or a number");
        }

        var c = _text[_at];
        if (c is '\'' or '"')
        {
            return new LiteralSyntax(start, TemplateValue.Text(Quoted(c)));
        }

        if (char.IsAsciiDigit(c) || (c == '-' && _at + 1 < _text.Length && char.IsAsciiDigit(_text[_at + 1])))
        {
            return new LiteralSyntax(start, TemplateValue.Number(Number()));
        }

        if (Take("("))
        {
            var inner = Expression();
            if (!Take(")"))
            {
                throw new ExpressionException(_at, $"an unclosed '('; expected ')' and found {Found()}");
            }

            return inner;
        }

        var word = Word() ?? throw new ExpressionException(_at, $"unexpected {Found()}; expected a name such as job.id, a 'quoted text' or a number");
        switch (word)
        {
            case "true":
                return new LiteralSyntax(start, TemplateValue.True);
            case "false":
                return new LiteralSyntax(start, TemplateValue.False);
            case "null":
                return new LiteralSyntax(start, TemplateValue.Null);
        }

        List<string> segments = [word];
        while (_at < _text.Length && _text[_at] == '.')
        {
            _at++;
            segments.Add(Word() ?? throw new ExpressionException(_at, $"a name after '{string.Join('.', segments)}.'; found {Found()}"));
        }

        var path = new PathSyntax(start, segments);
        return Take("(") ? new CallSyntax(start, path, Arguments()) : path;
    }
}
