using JobEmulator.Core.Dialects;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

// Auth: the keys (and when they expire) and the apps whose tokens open a scenario's jobs.
internal sealed partial class ScenarioReader
{
    private ScenarioAuth ReadAuth(YamlNode node, Dialect? dialect)
    {
        if (reader.Map(node, "'auth'") is not { } map)
        {
            return ScenarioAuth.AnyKey;
        }

        reader.OnlyKeys(map, "'auth'", AuthKeys);
        if (map["keys"] is null && map["apps"] is null)
        {
            reader.Error(map, "'auth' needs 'keys' (the API keys or tokens that open the jobs) or 'apps' (app credentials that get tokens)");
            return ScenarioAuth.AnyKey;
        }

        HashSet<string>? keys = null;
        var expiries = new Dictionary<string, KeyExpiry>(StringComparer.Ordinal);
        if (map["keys"] is { } keysNode && reader.List(keysNode, "'auth.keys'") is { } list)
        {
            if (list.Items.Count == 0)
            {
                reader.Error(list, "'auth.keys' must list at least one key (leave 'auth' out to accept any key)");
            }

            keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                if (item is YamlMap entry)
                {
                    ReadExpiringKey(entry, keys, expiries);
                }
                else if (reader.Text(item, "each key in 'auth.keys' (a key, or { key, expires_after | expires_at })") is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        var tenants = false;
        if (map["tenants"] is { } tenantsNode)
        {
            if (tenantsNode is YamlScalar { IsPlain: true, Value: "true" or "false" } flag)
            {
                tenants = flag.Value == "true";
            }
            else
            {
                reader.Error(tenantsNode, $"'auth.tenants' must be true or false; found {tenantsNode.Describe()}");
            }
        }

        var apps = map["apps"] is { } appsNode ? ReadApps(appsNode, dialect) : [];
        return new ScenarioAuth(keys ?? (apps.Count > 0 ? new HashSet<string>(StringComparer.Ordinal) : null), apps, expiries, tenants);
    }

    // { key: k, expires_after: 1h } or { key: k, expires_at: 2025-01-01T01:00:00Z }
    private void ReadExpiringKey(YamlMap entry, HashSet<string> keys, Dictionary<string, KeyExpiry> expiries)
    {
        reader.OnlyKeys(entry, "a key in 'auth.keys'", KeyEntryKeys);
        if (reader.Required(entry, "key", "a key in 'auth.keys'") is not { } keyNode || reader.Text(keyNode, "'key'") is not { } key)
        {
            return;
        }

        keys.Add(key);
        var after = entry["expires_after"] is { } afterNode ? reader.Duration(afterNode, "'expires_after'") : null;
        DateTimeOffset? at = null;
        if (entry["expires_at"] is { } atNode)
        {
            if (atNode is YamlScalar scalar && DateTimeOffset.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
            {
                at = instant;
            }
            else
            {
                reader.Error(atNode, $"'expires_at' must be an ISO 8601 instant such as 2025-01-01T01:00:00Z; found {atNode.Describe()}");
            }
        }

        if (after is not null || at is not null)
        {
            expiries[key] = new KeyExpiry(after, at);
        }
    }

    // auth.apps: [{ app_id, app_secret }], for dialects whose clients exchange app credentials for tokens.
    private List<AppCredential> ReadApps(YamlNode node, Dialect? dialect)
    {
        var apps = new List<AppCredential>();
        if (dialect is not null && !dialect.Operations.Any(o => o.Kind == Dialects.Operations.OperationKind.Token))
        {
            reader.Error(node, $"'auth.apps' needs a dialect that issues tokens; {dialect.Name} takes its keys directly (use 'auth.keys')");
            return apps;
        }

        if (reader.List(node, "'auth.apps' (a list of { app_id, app_secret })") is not { } list)
        {
            return apps;
        }

        if (list.Items.Count == 0)
        {
            reader.Error(list, "'auth.apps' must list at least one app (leave it out to accept any)");
        }

        foreach (var item in list.Items)
        {
            // A plain local, not a pattern variable, so that Stryker can mutate the condition below (CS0165 otherwise).
            var app = reader.Map(item, "each app in 'auth.apps'");
            if (app is null)
            {
                continue;
            }

            reader.OnlyKeys(app, "an app in 'auth.apps'", AppKeys);
            var id = reader.Required(app, "app_id", "an app in 'auth.apps'") is { } idNode ? reader.Text(idNode, "'app_id'") : null;
            var secret = reader.Required(app, "app_secret", "an app in 'auth.apps'") is { } secretNode ? reader.Text(secretNode, "'app_secret'") : null;
            if (id is not null && secret is not null)
            {
                apps.Add(new AppCredential(id, secret));
            }
        }

        return apps;
    }
}
