using System.Globalization;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

// Operations: routes, credentials, body formats and limits, success statuses, route values and lookups.
internal sealed partial class DialectDefinitionReader
{
    private List<string>? Routes(YamlNode node, string what)
    {
        if (reader.List(node, what) is not { } list)
        {
            return null;
        }

        List<string> routes = [];
        foreach (var item in list.Items)
        {
            if (reader.Text(item, $"each of {what}") is { } route)
            {
                if (route[0] != '/')
                {
                    reader.Error(item, $"each of {what} starts with '/'; found '{route}'");
                }

                routes.Add(route);
            }
        }

        return routes;
    }

    // - bearer | - authorization | - header: X-API-Key | - query: apikey
    private List<CredentialSource>? Credentials(YamlNode node, string what)
    {
        if (reader.List(node, $"{what} (where the credential travels, tried in order: bearer, authorization, header: <name>, query: <name>)") is not { } list)
        {
            return null;
        }

        List<CredentialSource> sources = [];
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case YamlScalar { Value: "bearer" }:
                    sources.Add(CredentialSource.Bearer);
                    break;
                case YamlScalar { Value: "authorization" }:
                    sources.Add(CredentialSource.BareAuthorization);
                    break;
                case YamlMap { Entries.Count: 1 } one when one.Entries[0].Key.Value is "header" or "query":
                    if (reader.Text(one.Entries[0].Value, $"the {one.Entries[0].Key.Value} name in {what}") is { } name)
                    {
                        sources.Add(one.Entries[0].Key.Value == "header" ? CredentialSource.Header(name) : CredentialSource.Query(name));
                    }

                    break;
                default:
                    reader.Error(item, $"each of {what} is bearer, authorization (a bare key in Authorization), header: <name> or query: <name>; found {(item is YamlMap found ? $"a mapping of {string.Join(", ", found.Entries.Select(e => $"'{e.Key.Value}'"))}" : item.Describe())}");
                    break;
            }
        }

        return sources;
    }

    private List<DialectOperation>? OperationsOf(YamlNode node, IReadOnlyList<CredentialSource> credentials)
    {
        if (reader.List(node, "'operations'") is not { } list)
        {
            return null;
        }

        List<DialectOperation> operations = [];
        var errors = reader.Errors.Count;
        foreach (var item in list.Items)
        {
            if (Operation(item, credentials) is { } operation)
            {
                var twin = operations.FindIndex(o => RouteShape.Clash(o, operation));
                if (twin >= 0)
                {
                    reader.Error(item, string.Equals(operations[twin].Route, operation.Route, StringComparison.OrdinalIgnoreCase)
                        ? $"{operation} is declared twice in this file (first at {_operationPositions[twin]})"
                        : $"{operation} matches the same requests as {operations[twin]} at {_operationPositions[twin]}: routes that differ only in their parameters' names cannot both be served");
                }

                operations.Add(operation);
                _operationPositions.Add(item.Position);
            }
        }

        if (list.Items.Count == 0)
        {
            reader.Error(list, "'operations' lists no operation; a dialect serves at least a status operation");
        }
        else if (reader.Errors.Count == errors && !operations.Any(o => o.Kind == OperationKind.Status))
        {
            reader.Error(list, "'operations' has no operation of kind 'status': a job API is polled for its jobs' status");
        }

        return reader.Errors.Count == errors ? operations : null;
    }

    private DialectOperation? Operation(YamlNode node, IReadOnlyList<CredentialSource> defaults)
    {
        if (reader.Map(node, "each operation") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "an operation", OperationKeys);
        var method = reader.Required(map, "method", "an operation") is { } methodNode ? reader.Text(methodNode, "'method'") : null;
        if (method is not null && !Methods.Contains(method))
        {
            reader.Error(map["method"]!, $"'method' is one of {string.Join(", ", Methods)}; found '{method}'");
            method = null;
        }

        var route = reader.Required(map, "route", "an operation") is { } routeNode ? Route(routeNode) : null;
        OperationKind? kind = null;
        if (reader.Required(map, "kind", "an operation") is { } kindNode && reader.Text(kindNode, "'kind'") is { } kindName)
        {
            kind = Kinds.TryGetValue(kindName, out var known) ? known : null;
            if (kind is null)
            {
                reader.Error(kindNode, $"unknown operation kind '{kindName}'; expected one of: {string.Join(", ", Kinds.Keys)}");
            }
        }

        var summary = map["summary"] is { } summaryNode ? reader.Text(summaryNode, "'summary'") : null;
        var credentials = map["credentials"] is { } credentialNode ? Credentials(credentialNode, "'credentials'") : defaults;
        var format = BodyFormat.None;
        if (map["body"] is { } bodyNode && reader.Text(bodyNode, "'body'") is { } bodyName && !Formats.TryGetValue(bodyName, out format))
        {
            reader.Error(bodyNode, $"'body' is one of {string.Join(", ", Formats.Keys)}; found '{bodyName}'");
        }

        var maxBody = map["max_body"] is { } maxNode ? Size(maxNode) : DialectOperation.DefaultMaxBodyBytes;
        var (success, successByState) = map["success"] is { } successNode ? Success(successNode, kind) : (200, null);
        var values = map["values"] is { } valuesNode ? Values(valuesNode) : new Dictionary<string, string>();
        var lookup = map["lookup"] is { } lookupNode ? Lookup(lookupNode, route) : null;
        if (kind == OperationKind.Read && lookup is null && map["lookup"] is null)
        {
            reader.Error(map, "an operation of kind 'read' needs 'lookup' (the route value that names its jobs, and the job field it matches: { route: conversationId, field: conversation_id })");
        }

        if (method is null || route is null || kind is null || credentials is null || maxBody is null || success is null || values is null)
        {
            return null;
        }

        return new DialectOperation(method, route, kind.Value, credentials, summary ?? $"{kind.Value}".ToLowerInvariant())
        {
            Body = format,
            MaxBodyBytes = maxBody.Value,
            SuccessStatus = success.Value,
            SuccessByState = successByState,
            Values = values,
            Lookup = lookup,
        };
    }

    // success: 202, or by the job's state: { running: 202, completed: 200 } (a state left out: 200). Every answer carries a
    // body, so 204 and 205 (which must not) are refused.
    private (int? Status, IReadOnlyList<int>? ByState) Success(YamlNode node, OperationKind? kind)
    {
        if (node is not YamlMap map)
        {
            return (SuccessCode(node, "'success'"), null);
        }

        if (kind is not (OperationKind.Status or OperationKind.Submit or OperationKind.Cancel))
        {
            reader.Error(node, "'success' by the job's state is for operations about one job (status, submit, cancel); give this one a single status");
            return (null, null);
        }

        reader.OnlyKeys(map, "'success' (by the job's state)", StatusWordKeys);
        var byState = StatusWordKeys.Select(key => map[key] is { } code ? SuccessCode(code, $"'success.{key}'") : 200).ToArray();
        return byState.Any(c => c is null) ? (null, null) : (byState[(int)JobStatus.Completed], [.. byState.Select(c => c!.Value)]);
    }

    private int? SuccessCode(YamlNode node, string what)
    {
        var code = reader.Integer(node, what, 200, 299);
        if (code is 204 or 205)
        {
            reader.Error(node, $"{what} {code} would be an answer without a body, and JobEmulator answers every operation with the vendor's body; use 200, 201 or 202");
            return null;
        }

        return code;
    }

    private JobLookup? Lookup(YamlNode node, string? route)
    {
        if (reader.Map(node, "'lookup' (route and field)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'lookup'", ["route", "field"]);
        var value = reader.Required(map, "route", "'lookup'") is { } routeNode ? reader.Text(routeNode, "'lookup.route'") : null;
        var field = reader.Required(map, "field", "'lookup'") is { } fieldNode ? reader.Text(fieldNode, "'lookup.field'") : null;
        if (value is not null && route is not null && !route.Contains("{" + value + "}", StringComparison.Ordinal))
        {
            reader.Error(map["route"]!, $"'lookup.route' names a value of the operation's route ({route}); found '{value}'");
        }

        return value is null || field is null ? null : new JobLookup(value, field);
    }

    private string? Route(YamlNode node)
    {
        if (reader.Text(node, "'route'") is not { } route)
        {
            return null;
        }

        var problem = route[0] != '/' ? "starts with '/'"
            : route.Contains("//", StringComparison.Ordinal) || route.Contains('?', StringComparison.Ordinal) || route.Contains('#', StringComparison.Ordinal) ? "is a path without '//', '?' or '#'"
            : route.Split('/').Any(s => s.Contains('{', StringComparison.Ordinal) && !(s.StartsWith('{') && s.EndsWith('}') && s.Length > 2 && s[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
                ? "holds route values as whole segments: /v1/jobs/{id}"
                : null;
        if (problem is not null)
        {
            reader.Error(node, $"'route' {problem}; found '{route}'");
            return null;
        }

        return route;
    }

    // 25 MiB, 512 KiB, 1 GiB, or a whole number of bytes.
    private long? Size(YamlNode node)
    {
        if (node is YamlScalar scalar)
        {
            var text = scalar.Value.Trim();
            var units = new (string Suffix, long Factor)[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1) };
            foreach (var (suffix, factor) in units)
            {
                if (text.EndsWith(suffix, StringComparison.Ordinal)
                    && long.TryParse(text[..^suffix.Length].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    && count > 0 && count <= (4L << 30) / factor)
                {
                    return count * factor;
                }
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 && bytes <= 4L << 30)
            {
                return bytes;
            }
        }

        reader.Error(node, $"'max_body' is a size from 1 B to 4 GiB such as 25 MiB, 512 KiB or 1048576; found {node.Describe()}");
        return null;
    }

    private Dictionary<string, string>? Values(YamlNode node)
    {
        if (reader.Map(node, "'values' (what the route stands for, read by submission fields of source 'operation')") is not { } map)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Value is YamlScalar { IsNull: false } value)
            {
                values[entry.Key.Value] = value.Value;
            }
            else
            {
                reader.Error(entry.Value, $"each of 'values' is text; found {entry.Value.Describe()} for '{entry.Key.Value}'");
            }
        }

        return values;
    }
}
