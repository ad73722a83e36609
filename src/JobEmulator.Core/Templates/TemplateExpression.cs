namespace JobEmulator.Core.Templates;

/// <summary>A bound expression: evaluating it looks nothing up by name.</summary>
internal abstract class TemplateExpression<TContext>
{
    public abstract TemplateValue Evaluate(TContext context);

    /// <summary>Parses <paramref name="text"/> and binds its names in <paramref name="scope"/>.</summary>
    /// <exception cref="ExpressionException">A syntax error or an unknown name; its offset is into <paramref name="text"/>.</exception>
    public static TemplateExpression<TContext> Compile(string text, TemplateScope<TContext> scope) => Bind(ExpressionParser.Parse(text), scope);

    private static TemplateExpression<TContext> Bind(ExpressionSyntax syntax, TemplateScope<TContext> scope) => syntax switch
    {
        LiteralSyntax literal => new Constant(literal.Value),
        PathSyntax path => new Read(scope.Resolve(path.Text, out var problem) ?? throw new ExpressionException(path.Offset, problem!)),
        CallSyntax call => BindCall(call, scope),
        FilterSyntax filter => TemplateFilters.Bind(filter, Bind(filter.Input, scope), [.. filter.Arguments.Select(a => Bind(a, scope))]),
        NotSyntax not => new Not(Bind(not.Operand, scope)),
        ConditionalSyntax conditional => new Conditional(Bind(conditional.Condition, scope), Bind(conditional.Then, scope), Bind(conditional.Otherwise, scope)),
        BinarySyntax binary => new Binary(binary.Operator, Bind(binary.Left, scope), Bind(binary.Right, scope)),
        _ => throw new ExpressionException(syntax.Offset, "an expression this version does not know"),
    };

    private static Call BindCall(CallSyntax call, TemplateScope<TContext> scope)
    {
        var function = scope.ResolveFunction(call.Name.Text, out var problem) ?? throw new ExpressionException(call.Offset, problem!);
        if (call.Arguments.Count < function.MinArguments || call.Arguments.Count > function.MaxArguments)
        {
            throw new ExpressionException(call.Offset, $"'{call.Name.Text}' takes {Arity(function)}; found {call.Arguments.Count}: call it as {function.Usage}");
        }

        return new Call(function, [.. call.Arguments.Select(a => Bind(a, scope))]);
    }

    private static string Arity(TemplateFunction<TContext> function) =>
        function.MinArguments == function.MaxArguments
            ? $"{function.MinArguments} argument{(function.MinArguments == 1 ? "" : "s")}"
            : $"{function.MinArguments} to {function.MaxArguments} arguments";

    internal sealed class Constant(TemplateValue value) : TemplateExpression<TContext>
    {
        public TemplateValue Value { get; } = value;

        public override TemplateValue Evaluate(TContext context) => Value;
    }

    /// <summary>Text with expressions in it, as one value.</summary>
    internal sealed class Rendered(TemplateText<TContext> text) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context) => TemplateValue.Text(text.Render(context));
    }

    private sealed class Read(TemplateGetter<TContext> getter) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context) => getter(context);
    }

    private sealed class Call(TemplateFunction<TContext> function, TemplateExpression<TContext>[] arguments) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context)
        {
            var stack = default(TemplateArguments);
            var values = arguments.Length <= 4 ? ((Span<TemplateValue>)stack)[..arguments.Length] : new TemplateValue[arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = arguments[i].Evaluate(context);
            }

            return function.Invoke(context, values);
        }
    }

    private sealed class Not(TemplateExpression<TContext> operand) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context) => TemplateValue.Boolean(!operand.Evaluate(context).IsTruthy);
    }

    private sealed class Conditional(TemplateExpression<TContext> condition, TemplateExpression<TContext> then, TemplateExpression<TContext> otherwise) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context) => condition.Evaluate(context).IsTruthy ? then.Evaluate(context) : otherwise.Evaluate(context);
    }

    private sealed class Binary(string op, TemplateExpression<TContext> left, TemplateExpression<TContext> right) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context)
        {
            var value = left.Evaluate(context);
            return op switch
            {
                "??" => value.IsNull ? right.Evaluate(context) : value,
                "and" => value.IsTruthy ? TemplateValue.Boolean(right.Evaluate(context).IsTruthy) : TemplateValue.False,
                "or" => value.IsTruthy ? TemplateValue.True : TemplateValue.Boolean(right.Evaluate(context).IsTruthy),
                "==" => TemplateValue.Boolean(value.EqualTo(right.Evaluate(context))),
                "+" => Add(value, right.Evaluate(context)),
                _ => TemplateValue.Boolean(!value.EqualTo(right.Evaluate(context))),
            };
        }
    }

    // Numbers add; anything else is joined as text (null as nothing): 'No route for ' + error.detail.
    private static TemplateValue Add(TemplateValue left, TemplateValue right) =>
        left.Kind == TemplateValueKind.Number && right.Kind == TemplateValueKind.Number
            ? TemplateValue.Number(left.AsNumber + right.AsNumber)
            : TemplateValue.Text(string.Concat(left.ToText(), right.ToText()));

    /// <summary>A filter bound to its input and arguments (<see cref="TemplateFilters"/>).</summary>
    internal sealed class Filtered(TemplateExpression<TContext> input, TemplateExpression<TContext>[] arguments, TemplateApply apply) : TemplateExpression<TContext>
    {
        public override TemplateValue Evaluate(TContext context)
        {
            var value = input.Evaluate(context);
            var stack = default(TemplateArguments);
            var values = arguments.Length <= 4 ? ((Span<TemplateValue>)stack)[..arguments.Length] : new TemplateValue[arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = arguments[i].Evaluate(context);
            }

            return apply(value, values);
        }
    }
}
