using System.Globalization;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// Reads a dialect definition file (<c>kind: dialect</c>) into a <see cref="DialectDefinition"/>, recording every
/// problem with its line and column on the <see cref="NodeReader"/>, as scenarios are read.
/// </summary>
internal sealed partial class DialectDefinitionReader(NodeReader reader)
{
    private static readonly string[] TopKeys =
    [
        "kind", "version", "name", "vendor", "description", "status_words", "path_prefixes", "retention", "credentials", "job_id", "batch_id", "cancel",
        "operations", "job_fields", "submission", "error_details_defaults", "result", "templates", "bodies", "errors", "token",
        "response_headers", "announced_rate_limit", "reads", "webhooks",
    ];

    private static readonly string[] StatusWordKeys = ["queued", "running", "completed", "failed"];
    private static readonly string[] JobIdKeys = ["route", "query", "blank_is_missing", "new"];
    private static readonly string[] OperationKeys = ["method", "route", "kind", "summary", "credentials", "body", "max_body", "success", "values", "lookup"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly Dictionary<string, OperationKind> Kinds = new(StringComparer.Ordinal)
    {
        ["status"] = OperationKind.Status,
        ["submit"] = OperationKind.Submit,
        ["batch_submit"] = OperationKind.BatchSubmit,
        ["list"] = OperationKind.List,
        ["token"] = OperationKind.Token,
        ["webhook_create"] = OperationKind.WebhookCreate,
        ["webhook_list"] = OperationKind.WebhookList,
        ["webhook_delete"] = OperationKind.WebhookDelete,
        ["read"] = OperationKind.Read,
        ["cancel"] = OperationKind.Cancel,
    };

    private static readonly Dictionary<string, BodyFormat> Formats = new(StringComparer.Ordinal)
    {
        ["none"] = BodyFormat.None,
        ["json"] = BodyFormat.Json,
        ["multipart"] = BodyFormat.Multipart,
        ["raw"] = BodyFormat.Raw,
    };

    private Dictionary<string, YamlNode> _templates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<SourcePosition> _operationPositions = [];

    public DialectDefinition? Read(YamlNode root)
    {
        var errors = reader.Errors.Count;
        if (reader.Map(root, "a dialect definition") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "a dialect definition", TopKeys);
        if (reader.Required(map, "kind", "a dialect definition") is { } kind && kind is not YamlScalar { Value: "dialect" })
        {
            reader.Error(kind, $"'kind' of a dialect definition is 'dialect'; found {kind.Describe()}");
        }

        if (map["version"] is { } versionNode && reader.Integer(versionNode, "'version'", 1, int.MaxValue) is { } version && version != 1)
        {
            reader.Error(versionNode, $"'version' {version} is not supported; this JobEmulator reads dialect version 1");
        }

        var name = reader.Required(map, "name", "a dialect definition") is { } nameNode ? DialectName(nameNode) : null;
        var vendor = map["vendor"] is { } vendorNode ? reader.Text(vendorNode, "'vendor'") : name;
        if (map["description"] is { } description)
        {
            reader.Text(description, "'description'");
        }

        var words = reader.Required(map, "status_words", "a dialect definition") is { } wordsNode ? StatusWordsOf(wordsNode) : null;
        var prefixes = map["path_prefixes"] is { } prefixNode ? Routes(prefixNode, "'path_prefixes'") : [];
        var retention = map["retention"] is { } retentionNode ? reader.Duration(retentionNode, "'retention'") : null;
        var credentials = map["credentials"] is { } credentialNode ? Credentials(credentialNode, "'credentials'") : [];
        var operations = reader.Required(map, "operations", "a dialect definition") is { } operationsNode ? OperationsOf(operationsNode, credentials ?? []) : null;
        _templates = map["templates"] is { } templatesNode && reader.Map(templatesNode, "'templates' (named bodies, used with $use)") is { } named
            ? named.Entries.ToDictionary(e => e.Key.Value, e => e.Value, StringComparer.Ordinal)
            : new(StringComparer.Ordinal);

        var fields = map["job_fields"] is { } fieldsNode ? JobFieldsOf(fieldsNode) : [];
        var fieldNames = fields.Select(f => f.Key).ToList();
        var (submissionFields, rules) = map["submission"] is { } submissionNode ? SubmissionOf(submissionNode, fieldNames, operations ?? []) : ([], []);
        var jobId = reader.Required(map, "job_id", "a dialect definition") is { } jobIdNode ? JobIdOf(jobIdNode) : null;
        var batchId = map["batch_id"] is { } batchNode ? NewId(batchNode, "'batch_id'") : NewId(new YamlScalar(map.Position, "batch_{{ fake.uuid_hex }}", false, null), "'batch_id'");
        var result = map["result"] is { } resultNode ? ResultOf(resultNode, fieldNames) : null;
        var detailsDefaults = map["error_details_defaults"] is { } defaultsNode && reader.Map(defaultsNode, "'error_details_defaults' (keys added to a scenario's error.details)") is not null
            ? YamlJson.ToFragment(defaultsNode, reader, "'error_details_defaults'")
            : null;
        var bodies = reader.Required(map, "bodies", "a dialect definition") is { } bodiesNode ? BodiesOf(bodiesNode, fieldNames) : null;
        var webhooks = map["webhooks"] is { } webhooksNode ? WebhooksOf(webhooksNode, fieldNames) : null;
        var cancel = CancelOf(map, operations, fieldNames);
        var errorsTable = reader.Required(map, "errors", "a dialect definition") is { } errorsNode ? ErrorsOf(errorsNode) : null;
        var announced = map["announced_rate_limit"] is { } announcedNode ? reader.Integer(announcedNode, "'announced_rate_limit' (requests a minute)", 1, 1_000_000) : null;
        var headers = map["response_headers"] is { } headersNode ? ResponseHeadersOf(headersNode, announced ?? 60) : [];
        var token = map["token"] is { } tokenNode ? TokenOf(tokenNode) : (Body: DefaultTokenBody(), Lifetime: TimeSpan.FromDays(1), New: null);
        var reads = map["reads"] is { } readsNode ? ReadHandler(readsNode) : null;
        if (reads is null && operations?.Any(o => o.Kind == OperationKind.Read) == true)
        {
            reader.Error(map, $"operations of kind 'read' need 'reads': the built-in that answers them ({string.Join(", ", BuiltinFunctions.ReadHandlers.Keys)})");
        }

        foreach (var operation in operations ?? [])
        {
            if (operation.Lookup is { } lookup && !fieldNames.Contains(lookup.Field))
            {
                reader.Error(map["operations"]!, $"the read operation {operation} looks its jobs up by '{lookup.Field}', which is not a job field; expected one of: {string.Join(", ", fieldNames)}");
            }
        }

        // A template no body uses is never compiled: say so rather than leave its mistakes unread.
        if (map["templates"] is YamlMap templateMap)
        {
            foreach (var entry in templateMap.Entries.Where(e => !_used.Contains(e.Key.Value)))
            {
                reader.Error(entry.Key, $"the template '{entry.Key.Value}' is not used by any body; use it with {{ $use: {entry.Key.Value} }} or remove it");
            }
        }

        if (reader.Errors.Count > errors || name is null || vendor is null || words is null || operations is null || jobId is null || batchId is null || bodies is null || errorsTable is null || token.Body is null)
        {
            return null;
        }

        return new DialectDefinition
        {
            Source = reader.Source,
            Name = name,
            NamePosition = map["name"]!.Position,
            OperationPositions = _operationPositions,
            Vendor = vendor,
            StatusWords = words,
            Operations = operations,
            PathPrefixes = prefixes ?? [],
            Retention = retention,
            JobIdFrom = jobId.Value.Place,
            NewJobId = jobId.Value.New,
            NewBatchId = batchId,
            JobFields = fields,
            SubmissionFields = submissionFields,
            Rules = rules,
            Result = result,
            ErrorDetailsDefaults = detailsDefaults,
            ResponseHeaders = headers,
            StatusBody = bodies.Value.Status,
            Cancel = cancel,
            SubmittedBody = bodies.Value.Submitted,
            ListBody = bodies.Value.List,
            BatchBody = bodies.Value.Batch,
            TokenBody = token.Body,
            TokenLifetime = token.Lifetime,
            NewToken = token.New,
            Webhooks = webhooks,
            Reads = reads,
            Errors = errorsTable,
        };
    }

    private TemplateCompiler<BodyContext> Compiler() => new(reader, _templates, _used);

    private string? DialectName(YamlNode node)
    {
        if (reader.Text(node, "'name'") is not { } name)
        {
            return null;
        }

        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_') || !char.IsAsciiLetterLower(name[0]))
        {
            reader.Error(node, $"'name' is what scenarios write in 'dialect:': lower-case letters, digits, '-' and '_', starting with a letter; found '{name}'");
            return null;
        }

        return name;
    }

    private StatusWords? StatusWordsOf(YamlNode node)
    {
        if (reader.Map(node, "'status_words' (queued, running, completed, failed)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'status_words'", StatusWordKeys);
        var words = StatusWordKeys.Select(key => reader.Required(map, key, "'status_words'") is { } word ? reader.Text(word, $"'status_words.{key}'") : null).ToArray();
        return words.Any(w => w is null) ? null : new StatusWords(words[0]!, words[1]!, words[2]!, words[3]!);
    }

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

    // job_id: { route: id, new: "{{ fake.uuid }}" } (new: text with fake.* draws, such as job_{{ fake.text(12, 'abc') }}), or { query: request_id, blank_is_missing: true, new: … }
    private (JobIdPlace Place, TemplateText<BodyContext> New)? JobIdOf(YamlNode node)
    {
        if (reader.Map(node, "'job_id' (where a request names its job: route or query; and 'new', how new ids look)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'job_id'", JobIdKeys);
        var route = map["route"] is { } routeNode ? reader.Text(routeNode, "'job_id.route'") : null;
        var query = map["query"] is { } queryNode ? reader.Text(queryNode, "'job_id.query'") : null;
        if ((route is null) == (query is null) && map["route"] is null == (map["query"] is null))
        {
            reader.Error(map, "'job_id' names where a request carries the id: either 'route' (a route value) or 'query' (a query parameter)");
        }

        var blank = reader.Flag(map["blank_is_missing"], "'job_id.blank_is_missing'");
        var newId = reader.Required(map, "new", "'job_id'") is { } newNode ? NewId(newNode, "'job_id.new'") : null;
        return (route ?? query) is null || newId is null ? null : (new JobIdPlace(route, query, blank), newId);
    }

    private TemplateText<BodyContext>? NewId(YamlNode node, string what) => Compiler().Text(node, IdScope(), what);

    private static TemplateScope<BodyContext> IdScope() => new TemplateScope<BodyContext> { What = "an id's format" }.Fakes().WithCommonFunctions();
}
