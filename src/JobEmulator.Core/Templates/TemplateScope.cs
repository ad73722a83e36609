namespace JobEmulator.Core.Templates;

/// <summary>Reads one named value (<c>job.id</c>) from what a body is written about.</summary>
internal delegate TemplateValue TemplateGetter<in TContext>(TContext context);

/// <summary>Computes a function's value from its evaluated arguments (held on the stack: a call allocates nothing).</summary>
internal delegate TemplateValue TemplateInvoke<in TContext>(TContext context, ReadOnlySpan<TemplateValue> arguments);

/// <summary>A named function (<c>fake.int(1, 12)</c>): its arity and what it computes from its evaluated arguments.</summary>
internal sealed record TemplateFunction<TContext>(int MinArguments, int MaxArguments, TemplateInvoke<TContext> Invoke, string Usage);

/// <summary>Up to four evaluated arguments, on the stack.</summary>
[System.Runtime.CompilerServices.InlineArray(4)]
internal struct TemplateArguments
{
    private TemplateValue _first;
}

/// <summary>
/// A list a template can walk with <c>$each</c> (a page of jobs, the registered endpoints): while an item is
/// entered, the names that read one item (<c>job.*</c>) read it.
/// </summary>
internal sealed record TemplateList<TContext>(Func<TContext, int> Count, Action<TContext, int> Enter, Action<TContext> Exit);

/// <summary>
/// The names a template may use where it is written: a status body may read <c>job.*</c> and <c>request.*</c> but not
/// <c>error.*</c>; a result may draw <c>fake.*</c>. Names are bound once, when the file loads: an unknown name is a
/// load error at its line and column, and writing a body looks nothing up.
/// </summary>
internal sealed class TemplateScope<TContext>
{
    private readonly Dictionary<string, TemplateGetter<TContext>> _names = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, Func<string, TemplateGetter<TContext>?> Resolve, string Expected)> _families = [];
    private readonly Dictionary<string, TemplateFunction<TContext>> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateList<TContext>> _lists = new(StringComparer.Ordinal);

    /// <summary>What this scope is, in messages: "a status body".</summary>
    public required string What { get; init; }

    public TemplateScope<TContext> Name(string name, TemplateGetter<TContext> getter)
    {
        _names[name] = getter;
        return this;
    }

    /// <summary>Names under <paramref name="prefix"/> (<c>job.fields.</c>) resolved by <paramref name="resolve"/>, which returns null for an unknown one.</summary>
    public TemplateScope<TContext> Family(string prefix, Func<string, TemplateGetter<TContext>?> resolve, string expected)
    {
        _families.Add((prefix, resolve, expected));
        return this;
    }

    public TemplateScope<TContext> Function(string name, TemplateFunction<TContext> function)
    {
        _functions[name] = function;
        return this;
    }

    public TemplateScope<TContext> List(string name, TemplateList<TContext> list)
    {
        _lists[name] = list;
        return this;
    }

    /// <summary>Binds a name, or returns a message saying what is known here.</summary>
    public TemplateGetter<TContext>? Resolve(string name, out string? problem)
    {
        problem = null;
        if (_names.TryGetValue(name, out var getter))
        {
            return getter;
        }

        foreach (var (prefix, resolve, expected) in _families)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                var found = resolve(name[prefix.Length..]);
                problem = found is null ? $"unknown name '{name}' in {What}; {expected}" : null;
                return found;
            }
        }

        problem = _functions.TryGetValue(name, out var function)
            ? $"'{name}' is a function: call it as {function.Usage}"
            : $"unknown name '{name}' in {What}{Suggest(name, _names.Keys.Concat(_families.Select(f => f.Prefix + "…")))}";
        return null;
    }

    public TemplateFunction<TContext>? ResolveFunction(string name, out string? problem)
    {
        if (_functions.TryGetValue(name, out var function))
        {
            problem = null;
            return function;
        }

        problem = _names.ContainsKey(name)
            ? $"'{name}' is a value, not a function: write it without ()"
            : $"unknown function '{name}' in {What}{Suggest(name, _functions.Keys)}";
        return null;
    }

    public TemplateList<TContext>? ResolveList(string name, out string? problem)
    {
        if (_lists.TryGetValue(name, out var list))
        {
            problem = null;
            return list;
        }

        problem = _lists.Count == 0
            ? $"{What} has no list to walk with $each"
            : $"unknown list '{name}' in {What}; expected one of: {string.Join(", ", _lists.Keys.Order(StringComparer.Ordinal))}";
        return null;
    }

    // "; did you mean 'job.id'? Names here: job.id, job.status, …": the closest name first, then every name (sorted).
    private static string Suggest(string name, IEnumerable<string> known)
    {
        var names = known.Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return "; no names are available here";
        }

        // The fewest edits away; among those, the one that shares the longest start with the name (endpoint.ident: endpoint.id).
        var closest = names.OrderBy(candidate => Distance(name, candidate)).ThenByDescending(candidate => CommonStart(name, candidate)).First();
        var hint = Distance(name, closest) <= Math.Max(2, name.Length / 3) ? $"; did you mean '{closest}'?" : "";
        return $"{hint}; names here: {string.Join(", ", names)}";
    }

    internal static int CommonStart(string a, string b) => a.AsSpan().CommonPrefixLength(b);

    /// <summary>The edit (Levenshtein) distance: how many characters to insert, remove or replace to turn one name into the other.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
