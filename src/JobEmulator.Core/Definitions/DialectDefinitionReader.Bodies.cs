using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>The result, the bodies, the error table and the token answer: templates, compiled in their scopes.</summary>
internal sealed partial class DialectDefinitionReader
{
    private static readonly string[] BodyKeys = ["status", "submitted", "list", "batch"];
    private static readonly string[] ErrorKeys = ["body", "kinds", "status"];
    private static readonly string[] TokenKeys = ["lifetime", "new", "body"];

    private TemplateNode<BodyContext>? ResultOf(YamlNode node, IReadOnlyList<string> fields)
    {
        if (node is YamlScalar { Value: "none", IsPlain: true })
        {
            return null; // the vendor's body carries no result
        }

        var scope = new TemplateScope<BodyContext> { What = "the result" }.Fakes().ResultFunctions().WithCommonFunctions();
        scope = scope.Family("job.fields.", name => fields.Contains(name) ? FieldOf(fields, name) : null, FieldsExpected(fields));
        return Compiler().Compile(node, scope);
    }

    private (TemplateNode<BodyContext> Status, TemplateNode<BodyContext>? Submitted, TemplateNode<BodyContext> List, TemplateNode<BodyContext> Batch)? BodiesOf(YamlNode node, IReadOnlyList<string> fields)
    {
        if (reader.Map(node, "'bodies' (status, and optionally submitted, list and batch)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'bodies'", BodyKeys);
        var compiler = Compiler();
        var jobScope = new TemplateScope<BodyContext> { What = "a job's body" }.Job(fields).Request().WithCommonFunctions();
        var status = reader.Required(map, "status", "'bodies'") is { } statusNode ? compiler.Compile(statusNode, jobScope) : null;
        var submitted = map["submitted"] is { } submittedNode ? compiler.Compile(submittedNode, jobScope) : null;

        var listScope = new TemplateScope<BodyContext> { What = "the list body" }.Job(fields).Request().WithCommonFunctions()
            .Name("page.offset", c => TemplateValue.Number(c.Offset))
            .Name("page.count", c => TemplateValue.Number(c.Count))
            .Name("page.total", c => TemplateValue.Number(c.Total))
            .List("jobs", Jobs);
        var list = map["list"] is { } listNode ? compiler.Compile(listNode, listScope) : status is null ? null : new TemplateNode<BodyContext>.Each(Jobs, status);

        var batchScope = new TemplateScope<BodyContext> { What = "the batch body" }.Job(fields).WithCommonFunctions()
            .Name("batch.id", c => TemplateValue.Text(c.BatchId))
            .Name("batch.count", c => TemplateValue.Number(c.Jobs?.Count ?? 0))
            .Name("now", c => TemplateValue.Time(c.Now))
            .List("jobs", Jobs);
        var batch = compiler.Compile(map["batch"] ?? Builtin("{ batch_id: '{{ batch.id }}', job_ids: { $each: jobs, $value: '{{ job.id }}' } }"), batchScope);
        return status is null || list is null || batch is null || (map["submitted"] is not null && submitted is null) ? null : (status, submitted, list, batch);
    }

    // errors: { body: {…}, kinds: { default: {message: …}, "missing_credentials, invalid_credentials": {message: …}, … } }
    private ErrorTable? ErrorsOf(YamlNode node)
    {
        if (reader.Map(node, "'errors' (body, the envelope; kinds, each kind's values)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'errors'", ErrorKeys);
        var valueScope = new TemplateScope<BodyContext> { What = "an error kind's value" }.Error().WithCommonFunctions();
        var values = new Dictionary<string, TemplateExpression<BodyContext>>[ErrorKinds.All.Count];
        Dictionary<string, TemplateExpression<BodyContext>> fallback = new(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var defaultSeen = false;
        if (reader.Required(map, "kinds", "'errors'") is { } kindsNode && reader.Map(kindsNode, "'errors.kinds'") is { } kinds)
        {
            foreach (var entry in kinds.Entries)
            {
                var entryValues = KindValues(entry.Value, valueScope, entry.Key.Value);
                names.UnionWith(entryValues.Keys);
                foreach (var kindName in entry.Key.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (kindName == "default" && defaultSeen)
                    {
                        reader.Error(entry.Key, "the error kind 'default' is given twice in 'errors.kinds'");
                    }
                    else if (kindName == "default")
                    {
                        (fallback, defaultSeen) = (entryValues, true);
                    }
                    else if (!ErrorKinds.TryParse(kindName, out var kind))
                    {
                        reader.Error(entry.Key, $"unknown error kind '{kindName}'; expected default or one of: {string.Join(", ", ErrorKinds.All)}");
                    }
                    else if (values[(int)kind] is not null)
                    {
                        reader.Error(entry.Key, $"the error kind '{kindName}' is given twice in 'errors.kinds'");
                    }
                    else
                    {
                        values[(int)kind] = entryValues;
                    }
                }
            }
        }

        // A kind the table leaves out takes the default's values; a value a kind leaves out, the default's (else null).
        for (var i = 0; i < values.Length; i++)
        {
            var merged = new Dictionary<string, TemplateExpression<BodyContext>>(fallback, StringComparer.Ordinal);
            foreach (var (name, value) in values[i] ?? [])
            {
                merged[name] = value;
            }

            values[i] = merged;
        }

        var bodyScope = new TemplateScope<BodyContext> { What = "the error body" }.Error().WithCommonFunctions()
            .Family("error.", name => names.Contains(name) ? c => values[(int)c.Error.Kind].TryGetValue(name, out var v) ? v.Evaluate(c) : TemplateValue.Null : null,
                names.Count == 0 ? "'errors.kinds' gives no values" : $"the values 'errors.kinds' gives are: {string.Join(", ", names.Order(StringComparer.Ordinal))}; and error.kind, error.status, error.job_id, error.retry_after, error.detail, error.trace_id, error.now");
        var body = reader.Required(map, "body", "'errors'") is { } bodyNode ? Compiler().Compile(bodyNode, bodyScope) : null;
        var statuses = map["status"] is { } statusNode ? ErrorStatuses(statusNode) : new int?[ErrorKinds.All.Count];
        return body is null || statuses is null ? null : new ErrorTable(body, values) { Statuses = statuses };
    }

    // errors.status: { validation_failed: 422, missing_credentials: 403 }: the vendor's own status for an error the emulator
    // decides (a scenario's scripted fault keeps the status it scripts).
    private int?[]? ErrorStatuses(YamlNode node)
    {
        if (reader.Map(node, "'errors.status' (an error kind's status, such as validation_failed: 422)") is not { } map)
        {
            return null;
        }

        var statuses = new int?[ErrorKinds.All.Count];
        var errors = reader.Errors.Count;
        foreach (var entry in map.Entries)
        {
            var code = reader.Integer(entry.Value, $"'errors.status.{entry.Key.Value}'", 400, 599);
            if (!ErrorKinds.TryParse(entry.Key.Value, out var kind))
            {
                reader.Error(entry.Key, $"unknown error kind '{entry.Key.Value}'; expected one of: {string.Join(", ", ErrorKinds.All)}");
            }
            else
            {
                statuses[(int)kind] = code;
            }
        }

        return reader.Errors.Count == errors ? statuses : null;
    }

    private Dictionary<string, TemplateExpression<BodyContext>> KindValues(YamlNode node, TemplateScope<BodyContext> scope, string kinds)
    {
        var values = new Dictionary<string, TemplateExpression<BodyContext>>(StringComparer.Ordinal);
        if (reader.Map(node, $"the values of '{kinds}' (such as message: …)") is not { } map)
        {
            return values;
        }

        var compiler = Compiler();
        foreach (var entry in map.Entries)
        {
            if (compiler.Value(entry.Value, scope, $"'{entry.Key.Value}' of '{kinds}'") is { } value)
            {
                values[entry.Key.Value] = value;
            }
        }

        return values;
    }

    // token: { lifetime: 1d, new: "{{ jwt_hs256('https://api.symbl.ai') }}", body: {…} }
    private (TemplateNode<BodyContext>? Body, TimeSpan Lifetime, TemplateText<BodyContext>? New) TokenOf(YamlNode node)
    {
        if (reader.Map(node, "'token' (lifetime, new and body)") is not { } map)
        {
            return (null, TimeSpan.Zero, null);
        }

        reader.OnlyKeys(map, "'token'", TokenKeys);
        var lifetime = map["lifetime"] is { } lifetimeNode ? reader.Duration(lifetimeNode, "'token.lifetime'") ?? TimeSpan.FromDays(1) : TimeSpan.FromDays(1);
        var body = map["body"] is { } bodyNode ? Compiler().Compile(bodyNode, TokenScope()) : DefaultTokenBody();
        var scope = new TemplateScope<BodyContext> { What = "a new token" }.Fakes().TokenFunctions().WithCommonFunctions()
            .Name("token.subject", c => TemplateValue.Text(c.Token))
            .Name("token.issued_at", c => TemplateValue.Time(c.Now))
            .Name("token.expires_at", c => TemplateValue.Time(c.Now + c.TokenLifetime));
        var newToken = map["new"] is { } newNode ? Compiler().Text(newNode, scope, "'token.new'") : null;
        return (body, lifetime, newToken);
    }

    private string? ReadHandler(YamlNode node)
    {
        if (reader.Text(node, "'reads'") is not { } name)
        {
            return null;
        }

        if (!BuiltinFunctions.ReadHandlers.ContainsKey(name))
        {
            reader.Error(node, $"unknown built-in '{name}' for 'reads'; expected one of: {string.Join(", ", BuiltinFunctions.ReadHandlers.Keys)}");
            return null;
        }

        return name;
    }

    private TemplateNode<BodyContext>? DefaultTokenBody() =>
        Compiler().Compile(Builtin("{ accessToken: '{{ token.value }}', expiresIn: '{{ token.expires_in }}' }"), TokenScope());

    private static TemplateScope<BodyContext> TokenScope() => new TemplateScope<BodyContext> { What = "the token body" }.WithCommonFunctions()
        .Name("token.value", c => TemplateValue.Text(c.Token))
        .Name("token.expires_in", c => TemplateValue.Number((long)c.TokenLifetime.TotalSeconds));

    // response_headers: { x-request-id: "{{ response.request_id }}", x-ratelimit-remaining-requests: "{{ rate.remaining }}" }
    private List<(string Name, TemplateText<BodyContext> Value)> ResponseHeadersOf(YamlNode node, int announced)
    {
        List<(string, TemplateText<BodyContext>)> headers = [];
        if (reader.Map(node, "'response_headers' (headers every answer carries)") is not { } map)
        {
            return headers;
        }

        // A scenario's rate_limit decides the rate values; without one they announce 'announced_rate_limit' a minute, counted but not enforced.
        var scope = new TemplateScope<BodyContext> { What = "a response header" }.WithCommonFunctions()
            .Name("response.request_id", c => TemplateValue.Text(c.Facts.RequestId))
            .Name("rate.limit", c => TemplateValue.Number(c.Facts.RateLimit?.Limit ?? announced))
            .Name("rate.remaining", c => TemplateValue.Number(c.Facts.RateLimit?.Remaining ?? Math.Max(0, announced - c.Facts.RequestsThisWindow)))
            .Name("rate.reset_seconds", c => TemplateValue.Number(Math.Max(0, (int)Math.Ceiling((c.Facts.RateLimit?.ResetIn ?? c.Facts.UntilWindowEnds).TotalSeconds))));
        var compiler = Compiler();
        foreach (var entry in map.Entries)
        {
            if (!entry.Key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                reader.Error(entry.Key, $"a header's name is letters, digits, '-' and '_'; found '{entry.Key.Value}'");
            }
            else if (compiler.Text(entry.Value, scope, $"the header '{entry.Key.Value}'") is { } value)
            {
                headers.Add((entry.Key.Value, value));
            }
        }

        return headers;
    }

    private static readonly TemplateList<BodyContext> Jobs = new(
        c => c.Jobs?.Count ?? 0,
        (c, i) => c.Job = c.Jobs![i],
        c => c.Job = default);

    private static TemplateGetter<BodyContext> FieldOf(IReadOnlyList<string> fields, string name)
    {
        var index = fields.ToList().IndexOf(name);
        return c => c.Job.Fields is { } values && index < values.Count ? TemplateValue.Json(values[index]) : TemplateValue.Null;
    }

    private static string FieldsExpected(IReadOnlyList<string> fields) =>
        fields.Count == 0 ? "this dialect has no job fields (under 'job_fields:')" : $"the job fields are: {string.Join(", ", fields)}";

    // A body the format gives when the file leaves it out, read from YAML like the file's own.
    private static YamlNode Builtin(string yaml) => YamlDocumentReader.Read("(built in)", yaml, [])!;
}
