using FluentAssertions;
using JobEmulator.Core.Limits;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>
/// The scenario's own settings (version, name, dialect, webhooks, rate_limit, limits, auth): each mistake is
/// reported at its file:line:column with what was expected, and each valid value reaches the model.
/// </summary>
public sealed class ScenarioSettingsReadingTests
{
    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static Scenario Load(string yaml, string source = "s.yaml") => new ScenarioLoader().LoadYaml(yaml, source);

    [Theory]
    [InlineData("version 0", "version: 0\ndialect: docurift\n", "s.yaml:1:10: 'version' must be between 1 and 2147483647; found 0")]
    [InlineData("name not text", "dialect: docurift\nname: [a]\n", "s.yaml:2:7: 'name' must be non-empty text; found a list")]
    [InlineData("description not text", "dialect: docurift\ndescription: { a: 1 }\n", "s.yaml:2:14: 'description' must be non-empty text; found a mapping")]
    [InlineData("dialect not text", "dialect: [docurift]\n", "s.yaml:1:10: 'dialect' must be non-empty text; found a list")]
    [InlineData("retention", "dialect: docurift\nretention: forever\n", "s.yaml:2:12: 'retention' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'forever'")]
    [InlineData("jobs not a list", "dialect: docurift\njobs: { id: a }\n", "s.yaml:2:7: 'jobs' must be a list ('- item' lines or [a, b]); found a mapping")]
    [InlineData("webhooks not a mapping", "dialect: docurift\nwebhooks: 5s\n", "s.yaml:2:11: 'webhooks' (timeout and retry) must be a mapping (key: value lines); found '5s'")]
    [InlineData("webhooks without webhooks", "dialect: waveline\nwebhooks: { timeout: 5s }\n", "s.yaml:2:11: 'webhooks' needs a dialect that sends webhooks; this version of waveline sends none")]
    [InlineData("webhooks unknown key", "dialect: docurift\nwebhooks: { retries: [1s] }\n", "s.yaml:2:13: unknown key 'retries' in 'webhooks'; expected one of: timeout, retry, stop_on_4xx, url, secret")]
    [InlineData("webhooks timeout not a duration", "dialect: docurift\nwebhooks: { timeout: never }\n", "s.yaml:2:22: 'webhooks.timeout' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'never'")]
    [InlineData("webhooks timeout too long", "dialect: docurift\nwebhooks: { timeout: 5m1s }\n", "s.yaml:2:22: 'webhooks.timeout' must be at most 5m; a receiver slower than that counts as down")]
    [InlineData("webhooks retry not a list", "dialect: docurift\nwebhooks: { retry: 10s }\n", "s.yaml:2:20: 'webhooks.retry' (the waits before each retry, such as [10s, 1m, 5m]; [] for none) must be a list ('- item' lines or [a, b]); found '10s'")]
    [InlineData("webhooks retry wait", "dialect: docurift\nwebhooks: { retry: [10s, soon] }\n", "s.yaml:2:26: each wait in 'webhooks.retry' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("rate_limit not a mapping", "dialect: docurift\nrate_limit: 5\n", "s.yaml:2:13: 'rate_limit' (requests, per, key) must be a mapping (key: value lines); found '5'")]
    [InlineData("rate_limit unknown key", "dialect: docurift\nrate_limit: { requests: 5, per: 1s, burst: 2 }\n", "s.yaml:2:37: unknown key 'burst' in 'rate_limit'; expected one of: requests, per, key")]
    [InlineData("rate_limit without requests", "dialect: docurift\nrate_limit: { per: 1s }\n", "s.yaml:2:13: 'rate_limit' needs 'requests'")]
    [InlineData("rate_limit without per", "dialect: docurift\nrate_limit: { requests: 5 }\n", "s.yaml:2:13: 'rate_limit' needs 'per'")]
    [InlineData("rate_limit requests", "dialect: docurift\nrate_limit: { requests: 0, per: 1s }\n", "s.yaml:2:25: 'rate_limit.requests' must be between 1 and 1000000; found 0")]
    [InlineData("rate_limit per", "dialect: docurift\nrate_limit: { requests: 5, per: 0s }\n", "s.yaml:2:33: 'rate_limit.per' must be longer than zero; found '0s'")]
    [InlineData("rate_limit key not text", "dialect: docurift\nrate_limit: { requests: 5, per: 1s, key: [a] }\n", "s.yaml:2:42: 'rate_limit.key' must be non-empty text; found a list")]
    [InlineData("rate_limit key word", "dialect: docurift\nrate_limit: { requests: 5, per: 1s, key: ip }\n", "s.yaml:2:42: 'rate_limit.key' is 'api_key' (one budget per key, the default) or 'global' (one for all); found 'ip'")]
    [InlineData("limits not a mapping", "dialect: docurift\nlimits: 2\n", "s.yaml:2:9: 'limits' (concurrent_jobs) must be a mapping (key: value lines); found '2'")]
    [InlineData("limits unknown key", "dialect: docurift\nlimits: { concurrent_jobs: 2, queued: 1 }\n", "s.yaml:2:31: unknown key 'queued' in 'limits'; expected one of: concurrent_jobs")]
    [InlineData("limits without concurrent_jobs", "dialect: docurift\nlimits: { }\n", "s.yaml:2:9: 'limits' needs 'concurrent_jobs'")]
    [InlineData("limits concurrent_jobs", "dialect: docurift\nlimits: { concurrent_jobs: 0 }\n", "s.yaml:2:28: 'limits.concurrent_jobs' (unfinished submitted jobs per key) must be between 1 and 1000000; found 0")]
    public void LoadYaml_BadSetting_IsReportedWhereItIsWritten(string kind, string yaml, string expected)
    {
        Errors(yaml).Should().Equal([expected], kind);
    }

    [Fact]
    public void LoadYaml_TwentyOneWebhookRetries_AreTooMany()
    {
        var waits = string.Join(", ", Enumerable.Repeat("1s", 21));

        Errors($"dialect: docurift\nwebhooks: {{ retry: [{waits}] }}\n").Should().Equal("s.yaml:2:20: 'webhooks.retry' lists 21 retries; at most 20");
    }

    [Fact]
    public void LoadYaml_WebhookPolicyAtItsLimits_IsKeptAsWritten()
    {
        var waits = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"{i}s"));

        var scenario = Load($"dialect: docurift\nwebhooks: {{ timeout: 5m, retry: [{waits}] }}\n");

        scenario.Webhooks.Timeout.Should().Be(TimeSpan.FromMinutes(5));
        scenario.Webhooks.Retry.Should().Equal(Enumerable.Range(1, 20).Select(i => TimeSpan.FromSeconds(i)));
    }

    [Fact]
    public void LoadYaml_WebhooksWithOnlyRetry_KeepsTheDefaultTimeout()
    {
        var scenario = Load("dialect: symbl\nwebhooks: { retry: [] }\n");

        scenario.Webhooks.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        scenario.Webhooks.Retry.Should().BeEmpty();
    }

    [Fact]
    public void LoadYaml_WebhooksWithOnlyTimeout_KeepsTheDefaultRetries()
    {
        var scenario = Load("dialect: deepaffects\nwebhooks: { timeout: 2s }\n");

        scenario.Webhooks.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        scenario.Webhooks.Retry.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(", key: api_key", false)]
    [InlineData(", key: global", true)]
    public void LoadYaml_RateLimit_IsPerKeyUnlessGlobal(string key, bool global)
    {
        var scenario = Load($"dialect: docurift\nrate_limit: {{ requests: 5, per: 10s{key} }}\n");

        scenario.Limits.Should().Be(new ScenarioLimits(new RateLimit(5, TimeSpan.FromSeconds(10), global), null));
    }

    [Fact]
    public void LoadYaml_ConcurrentJobsAlone_IsALimitWithoutARateLimit()
    {
        Load("dialect: docurift\nlimits: { concurrent_jobs: 2 }\n").Limits.Should().Be(new ScenarioLimits(null, 2));
    }

    [Fact]
    public void LoadYaml_WithoutAName_IsNamedAfterItsFile()
    {
        Load("dialect: docurift\n", "folder/slow-invoice.yaml").Name.Should().Be("slow-invoice");
    }

    [Fact]
    public void LoadYaml_WithoutANameFromAFileWithOnlyAnExtension_IsNamedAfterItsSource()
    {
        Load("dialect: docurift\n", ".yaml").Name.Should().Be(".yaml");
    }

    [Fact]
    public void LoadYaml_WithoutRetention_KeepsTheDialectsDefault()
    {
        var scenario = Load("dialect: docurift\n");

        scenario.Retention.Should().Be(scenario.Dialect.DefaultRetention);
    }

    [Fact]
    public void AScenarioBuiltWithAnEmptyTemplateList_TakesSubmissionsWithTheDefaultLifecycle_AndDoesNotClaimThem()
    {
        var scenario = new Scenario("built", "built.yaml", Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("docurift")!, 1, ScenarioAuth.AnyKey, [], null, submittedJobs: []);

        scenario.DeclaresSubmissions.Should().BeFalse();
        scenario.SubmittedJobs.Should().Equal(SubmittedJobTemplate.Default);
    }
}
