using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Templates;

// Directives: a mapping whose one key is a directive ($if, $switch, $use, …) instead of a JSON key.
internal sealed partial class TemplateCompiler<TContext>
{
    private TemplateNode<TContext>? Directive(YamlMap map, TemplateScope<TContext> scope)
    {
        foreach (var entry in map.Entries)
        {
            if (!Directives.Contains(entry.Key.Value))
            {
                reader.Error(entry.Key, entry.Key.Value.StartsWith('$')
                    ? $"unknown directive '{entry.Key.Value}'; expected one of: {string.Join(", ", Directives)} (write a key that starts with '$' inside $literal)"
                    : $"a mapping with directives ($…) holds only directives; found the key '{entry.Key.Value}' (put the object under $then or $value)");
                return null;
            }
        }

        if (map["$literal"] is { } literal)
        {
            return Only(map, "$literal") ? Literal(literal) : null;
        }

        if (map["$use"] is { } use)
        {
            return Only(map, "$use") ? Use(use, scope) : null;
        }

        if (map["$if"] is { } condition)
        {
            if (!Only(map, "$if", "$then", "$else") || reader.Required(map, "$then", "$if") is not { } thenNode
                || Expression(condition, scope, "$if") is not { } test || Node(thenNode, scope) is not { } then)
            {
                return null;
            }

            TemplateNode<TContext>? otherwise = null;
            return map["$else"] is { } elseNode && (otherwise = Node(elseNode, scope)) is null ? null : new TemplateNode<TContext>.If(test, then, otherwise);
        }

        if (map["$switch"] is { } on)
        {
            return Only(map, "$switch", "$cases", "$default") ? Switch(map, on, scope) : null;
        }

        if (map["$each"] is { } each)
        {
            if (!Only(map, "$each", "$value") || reader.Required(map, "$value", "$each") is not { } itemNode || reader.Text(each, "$each") is not { } name)
            {
                return null;
            }

            var list = scope.ResolveList(name, out var problem);
            if (list is null)
            {
                reader.Error(each, problem!);
                return null;
            }

            return Node(itemNode, scope) is { } item ? new TemplateNode<TContext>.Each(list, item) : null;
        }

        reader.Error(map, $"{map.Entries[0].Key.Value} needs {(map.Entries[0].Key.Value is "$then" or "$else" ? "$if" : map.Entries[0].Key.Value is "$cases" or "$default" ? "$switch" : "$each")} beside it");
        return null;
    }

    private TemplateNode<TContext>? Switch(YamlMap map, YamlNode on, TemplateScope<TContext> scope)
    {
        if (Expression(on, scope, "$switch") is not { } value || reader.Required(map, "$cases", "$switch") is not { } casesNode || reader.Map(casesNode, "$cases") is not { } cases)
        {
            return null;
        }

        var compiled = new Dictionary<string, TemplateNode<TContext>>(StringComparer.Ordinal);
        foreach (var entry in cases.Entries)
        {
            if (Node(entry.Value, scope) is not { } node)
            {
                return null;
            }

            compiled[entry.Key.Value] = node;
        }

        TemplateNode<TContext>? otherwise = null;
        if (map["$default"] is { } fallback && (otherwise = Node(fallback, scope)) is null)
        {
            return null;
        }

        return new TemplateNode<TContext>.Switch(value, compiled, otherwise);
    }

    // A named template, compiled where it is used (its names bound in the user's scope), refusing a cycle.
    private TemplateNode<TContext>? Use(YamlNode use, TemplateScope<TContext> scope)
    {
        if (reader.Text(use, "$use") is not { } name)
        {
            return null;
        }

        if (!named.TryGetValue(name, out var target))
        {
            reader.Error(use, named.Count == 0
                ? $"no template named '{name}': this file defines no templates (under 'templates:')"
                : $"no template named '{name}'; the templates are: {string.Join(", ", named.Keys.Order(StringComparer.Ordinal))}");
            return null;
        }

        if (_using.Contains(name))
        {
            reader.Error(use, $"the template '{name}' uses itself ({string.Join(" → ", _using.Append(name))}); a body is finite");
            return null;
        }

        used?.Add(name);
        _using.Add(name);
        try
        {
            return Node(target, scope);
        }
        finally
        {
            _using.RemoveAt(_using.Count - 1);
        }
    }

    private bool Only(YamlMap map, params string[] allowed)
    {
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key.Value))
            {
                reader.Error(entry.Key, $"'{entry.Key.Value}' does not go with {allowed[0]}; {allowed[0]} takes {string.Join(", ", allowed.Skip(1).DefaultIfEmpty("nothing else"))}");
                return false;
            }
        }

        return true;
    }
}
