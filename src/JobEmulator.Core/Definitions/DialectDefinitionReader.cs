using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
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
