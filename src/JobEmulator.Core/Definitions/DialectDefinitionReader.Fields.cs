using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>Job fields, submission fields and the rules across them.</summary>
internal sealed partial class DialectDefinitionReader
{
    private static readonly string[] JobFieldKeys = ["kind", "description", "default", "choices", "minimum", "maximum", "keys"];
    private static readonly string[] JobFieldKeyKeys = ["list", "description"];
    private static readonly string[] SubmissionKeys = ["fields", "rules"];
    private static readonly string[] SubmissionFieldKeys = ["wire", "description", "source", "role", "job_field", "required", "default", "choices", "pattern", "refused_with", "only_for"];

    private static readonly Dictionary<string, JobFieldKind> FieldKinds = new(StringComparer.Ordinal)
    {
        ["text"] = JobFieldKind.Text,
        ["whole_number"] = JobFieldKind.WholeNumber,
        ["number"] = JobFieldKind.Number,
        ["mapping"] = JobFieldKind.Mapping,
    };

    private static readonly Dictionary<string, SubmissionFieldSource> Sources = new(StringComparer.Ordinal)
    {
        ["field"] = SubmissionFieldSource.Field,
        ["file_name"] = SubmissionFieldSource.FileName,
        ["file_content_type"] = SubmissionFieldSource.FileContentType,
        ["query"] = SubmissionFieldSource.Query,
        ["route"] = SubmissionFieldSource.Route,
        ["operation"] = SubmissionFieldSource.Operation,
    };

    private static readonly Dictionary<string, SubmissionFieldRole> Roles = new(StringComparer.Ordinal)
    {
        ["plain"] = SubmissionFieldRole.Plain,
        ["webhook_url"] = SubmissionFieldRole.WebhookUrl,
        ["webhook_secret"] = SubmissionFieldRole.WebhookSecret,
        ["webhook_header_name"] = SubmissionFieldRole.WebhookHeaderName,
        ["webhook_header_value"] = SubmissionFieldRole.WebhookHeaderValue,
        ["webhook_method"] = SubmissionFieldRole.WebhookMethod,
        ["callback_metadata"] = SubmissionFieldRole.CallbackMetadata,
        ["job_id"] = SubmissionFieldRole.JobId,
        ["synchronous"] = SubmissionFieldRole.Synchronous,
    };

    private List<JobField> JobFieldsOf(YamlNode node)
    {
        List<JobField> fields = [];
        if (reader.Map(node, "'job_fields' (each field a scenario's jobs may set, with how its default is drawn)") is not { } map)
        {
            return fields;
        }

        var scope = new TemplateScope<BodyContext> { What = "a job field's default" }.Fakes().WithCommonFunctions();
        foreach (var (key, value) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            if (reader.Map(value, $"the job field '{key.Value}'") is not { } field)
            {
                continue;
            }

            reader.OnlyKeys(field, $"the job field '{key.Value}'", JobFieldKeys);
            var kind = JobFieldKind.Text;
            if (field["kind"] is { } kindNode && reader.Text(kindNode, "'kind'") is { } kindName && !FieldKinds.TryGetValue(kindName, out kind))
            {
                reader.Error(kindNode, $"a job field's 'kind' is one of {string.Join(", ", FieldKinds.Keys)}; found '{kindName}'");
            }

            var description = field["description"] is { } descriptionNode ? reader.Text(descriptionNode, "'description'") : null;
            var template = field["default"] is { } defaultNode ? Compiler().Compile(defaultNode, scope) : null;
            Func<FakeData, JsonFragment> generate = template is null ? _ => JsonFragment.Null : faker => Render(template, faker);
            fields.Add(new JobField(key.Value, kind, description ?? key.Value, generate)
            {
                Choices = field["choices"] is { } choices ? Words(choices, "'choices'") : null,
                Minimum = field["minimum"] is { } minimum ? reader.Number(minimum, "'minimum'") : null,
                Maximum = field["maximum"] is { } maximum ? reader.Number(maximum, "'maximum'") : null,
                Keys = field["keys"] is { } keys ? MappingKeys(keys) : [],
            });
        }

        return fields;
    }

    private static JsonFragment Render(TemplateNode<BodyContext> template, FakeData faker)
    {
        var context = BodyContext.Rent(null!);
        try
        {
            context.Faker = faker;
            return JsonFragment.Build(w => template.Write(w, context));
        }
        finally
        {
            context.Return();
        }
    }

    private List<JobFieldKey> MappingKeys(YamlNode node)
    {
        List<JobFieldKey> keys = [];
        if (reader.Map(node, "'keys' (the keys a mapping field may have)") is not { } map)
        {
            return keys;
        }

        foreach (var entry in map.Entries)
        {
            if (reader.Map(entry.Value, $"the key '{entry.Key.Value}'") is { } key)
            {
                reader.OnlyKeys(key, $"the key '{entry.Key.Value}'", JobFieldKeyKeys);
                var description = key["description"] is { } d ? reader.Text(d, "'description'") : null;
                keys.Add(new JobFieldKey(entry.Key.Value, reader.Flag(key["list"], "'list'"), description ?? entry.Key.Value));
            }
        }

        return keys;
    }

    private (IReadOnlyList<SubmissionField> Fields, IReadOnlyList<SubmissionRule> Rules) SubmissionOf(YamlNode node, IReadOnlyList<string> jobFields, IReadOnlyList<DialectOperation> operations)
    {
        if (reader.Map(node, "'submission' (fields and rules)") is not { } map)
        {
            return ([], []);
        }

        reader.OnlyKeys(map, "'submission'", SubmissionKeys);
        List<SubmissionField> fields = [];
        if (map["fields"] is { } fieldsNode && reader.Map(fieldsNode, "'submission.fields'") is { } fieldMap)
        {
            foreach (var entry in fieldMap.Entries)
            {
                if (SubmissionFieldOf(entry.Key.Value, entry.Value, jobFields, operations) is { } field)
                {
                    fields.Add(field);
                }
            }
        }

        List<SubmissionRule> rules = [];
        if (map["rules"] is { } rulesNode && reader.List(rulesNode, "'submission.rules'") is { } ruleList)
        {
            foreach (var item in ruleList.Items)
            {
                if (Rule(item, fields) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        return (fields, rules);
    }

    private SubmissionField? SubmissionFieldOf(string key, YamlNode node, IReadOnlyList<string> jobFields, IReadOnlyList<DialectOperation> operations)
    {
        if (reader.Map(node, $"the submission field '{key}'") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, $"the submission field '{key}'", SubmissionFieldKeys);
        var wire = map["wire"] is YamlScalar { IsNull: false } wireNode ? wireNode.Value : key;
        var description = map["description"] is { } d ? reader.Text(d, "'description'") : null;
        var source = Choose(map["source"], Sources, SubmissionFieldSource.Field, "'source'");
        var role = Choose(map["role"], Roles, SubmissionFieldRole.Plain, "'role'");
        var jobField = map["job_field"] is { } jobFieldNode ? reader.Text(jobFieldNode, "'job_field'") : null;
        if (jobField is not null && !jobFields.Contains(jobField))
        {
            reader.Error(map["job_field"]!, jobFields.Count == 0
                ? $"'job_field' names a job field, and this file has none (under 'job_fields:'); found '{jobField}'"
                : $"'job_field' names a job field; found '{jobField}', expected one of: {string.Join(", ", jobFields)}");
        }

        var onlyFor = map["only_for"] is { } onlyNode ? Routes(onlyNode, "'only_for'") : null;
        foreach (var route in onlyFor ?? [])
        {
            if (!operations.Any(o => o.Kind is OperationKind.Submit or OperationKind.BatchSubmit && o.Route == route))
            {
                reader.Error(map["only_for"]!, $"'only_for' names the routes of submit operations; '{route}' is none of: {string.Join(", ", operations.Where(o => o.Kind is OperationKind.Submit or OperationKind.BatchSubmit).Select(o => o.Route))}");
            }
        }

        var pattern = map["pattern"] is { } patternNode ? reader.Text(patternNode, "'pattern'") : null;
        if (pattern is not null && !IsRegex(pattern, out var problem))
        {
            reader.Error(map["pattern"]!, $"'pattern' is a regular expression; '{pattern}' is not one: {problem}");
        }

        return new SubmissionField(key, wire, description ?? key)
        {
            Source = source,
            Role = role,
            JobField = jobField,
            Required = reader.Flag(map["required"], "'required'"),
            Default = map["default"] is YamlScalar { IsNull: false } defaultNode ? defaultNode.Value : null,
            Choices = map["choices"] is { } choices ? Words(choices, "'choices'") : null,
            Pattern = pattern,
            RefusedWith = map["refused_with"] is { } refused ? reader.Integer(refused, "'refused_with'", 400, 499) ?? 400 : 400,
            OnlyFor = onlyFor,
        };
    }
}
