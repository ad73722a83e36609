using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Limits;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>Turns one parsed YAML document into a <see cref="Scenario"/>, recording every error with its position.</summary>
internal sealed partial class ScenarioReader(NodeReader reader, DialectCatalog dialects)
{
    private static readonly string[] ScenarioKeys = ["kind", "version", "name", "description", "dialect", "seed", "auth", "jobs", "submitted_jobs", "webhooks", "rate_limit", "limits", "latency", "retention"];
    private static readonly string[] AuthKeys = ["keys", "apps", "tenants"];
    private static readonly string[] KeyEntryKeys = ["key", "expires_after", "expires_at"];
    private static readonly string[] AppKeys = ["app_id", "app_secret"];

    // Words DESIGN.md reserves for later releases: say so rather than "unknown".
    private static readonly string[] RateLimitKeys = ["requests", "per", "key"];
    private static readonly string[] LimitKeys = ["concurrent_jobs"];
    private static readonly string[] WebhookKeys = ["timeout", "retry", "stop_on_4xx", "url", "secret"];

    /// <summary>Dialects whose definition files were loaded with this one but had errors: name → file.</summary>
    public IReadOnlyDictionary<string, string>? BrokenDialects { get; init; }

    public Scenario? Read(YamlNode root)
    {
        reader.Errors.AddRange(_streamedErrors);
        var map = reader.Map(root, "a scenario");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, "the scenario", ScenarioKeys);
        if (map["kind"] is { } kindNode && reader.Text(kindNode, "'kind'") is { } kind && kind != "scenario")
        {
            reader.Error(kindNode, kind == "dialect"
                ? "this file is a dialect definition ('kind: dialect' must start its own line, at the top level), not a scenario: load it beside its scenarios (a folder or file given to serve, validate or AddScenarioFile) or with LoadDialectYaml / AddDialectYaml"
                : $"'kind' is 'scenario' (the default) or 'dialect' (a dialect definition file); found '{kind}'");
        }

        if (map["version"] is { } versionNode && reader.Integer(versionNode, "'version'", 1, int.MaxValue) is { } version && version != 1)
        {
            reader.Error(versionNode, $"'version' {version} is not supported; this JobEmulator reads version 1");
        }

        var name = map["name"] is { } nameNode ? reader.Text(nameNode, "'name'") : null;
        name = NameOrDefault(name);

        if (map["description"] is { } description)
        {
            reader.Text(description, "'description'");
        }

        var seed = map["seed"] is { } seedNode ? reader.Integer(seedNode, "'seed'", int.MinValue, int.MaxValue) ?? 0 : 0;
        var dialect = ReadDialect(map);
        var auth = map["auth"] is { } authNode ? ReadAuth(authNode, dialect) : ScenarioAuth.AnyKey;
        TimeSpan? retention = map["retention"] is { } retentionNode ? reader.Duration(retentionNode, "'retention'") : null;
        if (dialect is null)
        {
            return null;
        }

        var jobs = map["jobs"] switch
        {
            StreamedList => _streamed!,
            { } jobsNode => ReadJobs(jobsNode, dialect, seed, name),
            null => [],
        };
        var submitted = map["submitted_jobs"] is { } submittedNode ? ReadSubmittedJobs(submittedNode, dialect) : null;
        var webhooks = map["webhooks"] is { } webhooksNode ? ReadWebhookPolicy(webhooksNode, dialect) : null;
        var rateLimit = map["rate_limit"] is { } rateNode ? ReadRateLimit(rateNode) : null;
        var concurrent = map["limits"] is { } limitsNode ? ReadLimits(limitsNode) : null;
        var limits = new ScenarioLimits(rateLimit, concurrent);
        var latency = map["latency"] is { } latencyNode ? ReadLatencyPlan(latencyNode) : null;
        return new Scenario(name, reader.Source, dialect, seed, auth, jobs, retention ?? dialect.DefaultRetention, submitted, webhooks, limits, latency);
    }

    private string NameOrDefault(string? name)
    {
        name ??= Path.GetFileNameWithoutExtension(reader.Source);
        return string.IsNullOrWhiteSpace(name) ? reader.Source : name;
    }

    private Dialect? ReadDialect(YamlMap map)
    {
        var node = reader.Required(map, "dialect", "a scenario");
        if (node is null || reader.Text(node, "'dialect'") is not { } name)
        {
            return null;
        }

        if (dialects.Find(name) is { } dialect)
        {
            return dialect;
        }

        reader.Error(node, BrokenDialects?.GetValueOrDefault(name) is { } definedIn
            ? $"dialect '{name}' is defined in {definedIn}, which did not load (its errors are listed with this one)"
            : $"unknown dialect '{name}'; expected one of: {string.Join(", ", dialects.Names)}, or one defined in a 'kind: dialect' file loaded with the scenarios");
        return null;
    }

    // webhooks: { timeout: 5s, retry: [10s, 1m, 5m] }; either may be left out for its default.
    private Dialects.WebhookPolicy? ReadWebhookPolicy(YamlNode node, Dialect dialect)
    {
        if (reader.Map(node, "'webhooks' (timeout and retry)") is not { } map)
        {
            return null;
        }

        if (dialect.Webhooks is null)
        {
            reader.Error(node, $"'webhooks' needs a dialect that sends webhooks; this version of {dialect.Name} sends none");
            return null;
        }

        reader.OnlyKeys(map, "'webhooks'", WebhookKeys);
        var policy = dialect.WebhookDefaults ?? Dialects.WebhookPolicy.Default;
        var timeout = map["timeout"] is { } timeoutNode ? reader.Duration(timeoutNode, "'webhooks.timeout'") : null;
        if (timeout > TimeSpan.FromMinutes(5))
        {
            reader.Error(map["timeout"]!, "'webhooks.timeout' must be at most 5m; a receiver slower than that counts as down");
        }

        var retry = policy.Retry;
        if (map["retry"] is { } retryNode && reader.List(retryNode, "'webhooks.retry' (the waits before each retry, such as [10s, 1m, 5m]; [] for none)") is { } list)
        {
            if (list.Items.Count > 20)
            {
                reader.Error(list, $"'webhooks.retry' lists {list.Items.Count} retries; at most 20");
            }

            retry = [.. list.Items.Select(item => reader.Duration(item, "each wait in 'webhooks.retry'") ?? TimeSpan.Zero)];
        }

        var stop = map["stop_on_4xx"] is { } stopNode ? reader.Flag(stopNode, "'webhooks.stop_on_4xx'") : policy.StopOn4xx;
        Uri? url = null;
        if (map["url"] is { } urlNode && reader.Text(urlNode, "'webhooks.url'") is { } text
            && !(Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
        {
            reader.Error(urlNode, $"'webhooks.url' is where every event of this scenario's jobs goes: an absolute http:// or https:// URL; found '{text}'");
            url = null;
        }

        var secret = map["secret"] is { } secretNode ? reader.Text(secretNode, "'webhooks.secret'") : null;
        if (secret is not null && map["url"] is null)
        {
            reader.Error(map["secret"]!, "'webhooks.secret' signs the events sent to 'webhooks.url'; give the url too");
        }

        return new Dialects.WebhookPolicy(timeout ?? policy.Timeout, retry) { StopOn4xx = stop, Url = url, Secret = secret, Method = policy.Method };
    }

    // rate_limit: { requests: 5, per: 10s, key: api_key | global }
    private RateLimit? ReadRateLimit(YamlNode node)
    {
        if (reader.Map(node, "'rate_limit' (requests, per, key)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'rate_limit'", RateLimitKeys);
        var requests = reader.Required(map, "requests", "'rate_limit'") is { } requestsNode ? reader.Integer(requestsNode, "'rate_limit.requests'", 1, 1_000_000) : null;
        var per = reader.Required(map, "per", "'rate_limit'") is { } perNode ? reader.Duration(perNode, "'rate_limit.per'") : null;
        var global = false;
        if (map["key"] is { } keyNode && reader.Text(keyNode, "'rate_limit.key'") is { } key)
        {
            if (key is "global")
            {
                global = true;
            }
            else if (key is not "api_key")
            {
                reader.Error(keyNode, $"'rate_limit.key' is 'api_key' (one budget per key, the default) or 'global' (one for all); found '{key}'");
            }
        }

        return requests is { } n && per is { } p ? new RateLimit(n, p, global) : null;
    }

    // limits: { concurrent_jobs: 2 }
    private int? ReadLimits(YamlNode node)
    {
        if (reader.Map(node, "'limits' (concurrent_jobs)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'limits'", LimitKeys);
        return reader.Required(map, "concurrent_jobs", "'limits'") is { } concurrentNode ? reader.Integer(concurrentNode, "'limits.concurrent_jobs' (unfinished submitted jobs per key)", 1, 1_000_000) : null;
    }

    private List<JobScript> ReadJobs(YamlNode node, Dialect dialect, int seed, string scenarioName)
    {
        if (reader.List(node, "'jobs'") is not { } list)
        {
            return [];
        }

        // Ids depend on the scenario's name too, so two files that share a seed do not mint the same ids.
        var idRandom = new FakeData(StableHash.Combine(seed, dialect.Name, scenarioName, "ids"));
        var jobs = new List<JobScript>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            // Draw an id for every job, scripted or not, so adding an id to one job never shifts another's.
            var generatedId = dialect.GenerateJobId(idRandom);
            if (ReadJob(list.Items[i], i + 1, dialect, seed, generatedId) is { } job)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    internal static FakeData SeededFaker(int seed, string jobId, string purpose) => new(StableHash.Combine(seed, jobId, purpose));
}
