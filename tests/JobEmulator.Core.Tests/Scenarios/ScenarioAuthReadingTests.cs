using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary><c>auth:</c> — keys, expiring keys, apps and tenants: what each accepts, and each mistake at its position.</summary>
public sealed class ScenarioAuthReadingTests
{
    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static ScenarioAuth Auth(string dialect, string auth) => new ScenarioLoader().LoadYaml($"dialect: {dialect}\nauth: {auth}\n", "s.yaml").Auth;

    [Theory]
    [InlineData("not a mapping", "docurift", "[a]", "s.yaml:2:7: 'auth' must be a mapping (key: value lines); found a list")]
    [InlineData("neither keys nor apps", "docurift", "{ tenants: true }", "s.yaml:2:7: 'auth' needs 'keys' (the API keys or tokens that open the jobs) or 'apps' (app credentials that get tokens)")]
    [InlineData("unknown key", "docurift", "{ keys: [a], users: [b] }", "s.yaml:2:20: unknown key 'users' in 'auth'; expected one of: keys, apps, tenants")]
    [InlineData("keys not a list", "docurift", "{ keys: a }", "s.yaml:2:15: 'auth.keys' must be a list ('- item' lines or [a, b]); found 'a'")]
    [InlineData("no keys", "docurift", "{ keys: [] }", "s.yaml:2:15: 'auth.keys' must list at least one key (leave 'auth' out to accept any key)")]
    [InlineData("key not text", "docurift", "{ keys: [[a]] }", "s.yaml:2:16: each key in 'auth.keys' (a key, or { key, expires_after | expires_at }) must be non-empty text; found a list")]
    [InlineData("tenants not a flag", "docurift", "{ keys: [a], tenants: yes }", "s.yaml:2:29: 'auth.tenants' must be true or false; found 'yes'")]
    [InlineData("tenants quoted", "docurift", "{ keys: [a], tenants: \"true\" }", "s.yaml:2:29: 'auth.tenants' must be true or false; found the quoted text 'true'")]
    [InlineData("expiring key, unknown key", "docurift", "{ keys: [{ key: a, expires_in: 1h }] }", "s.yaml:2:26: unknown key 'expires_in' in a key in 'auth.keys'; expected one of: key, expires_after, expires_at")]
    [InlineData("expiring key without key", "docurift", "{ keys: [{ expires_after: 1h }] }", "s.yaml:2:16: a key in 'auth.keys' needs 'key'")]
    [InlineData("expiring key not text", "docurift", "{ keys: [{ key: [a] }] }", "s.yaml:2:23: 'key' must be non-empty text; found a list")]
    [InlineData("expires_after", "docurift", "{ keys: [{ key: a, expires_after: soon }] }", "s.yaml:2:41: 'expires_after' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("expires_at", "docurift", "{ keys: [{ key: a, expires_at: tomorrow }] }", "s.yaml:2:38: 'expires_at' must be an ISO 8601 instant such as 2025-01-01T01:00:00Z; found 'tomorrow'")]
    [InlineData("expires_at not a scalar", "docurift", "{ keys: [{ key: a, expires_at: [2025-01-01] }] }", "s.yaml:2:38: 'expires_at' must be an ISO 8601 instant such as 2025-01-01T01:00:00Z; found a list")]
    [InlineData("apps not a list", "symbl", "{ apps: x }", "s.yaml:2:15: 'auth.apps' (a list of { app_id, app_secret }) must be a list ('- item' lines or [a, b]); found 'x'")]
    [InlineData("app not a mapping", "symbl", "{ apps: [x] }", "s.yaml:2:16: each app in 'auth.apps' must be a mapping (key: value lines); found 'x'")]
    [InlineData("app unknown key", "symbl", "{ apps: [{ app_id: a, app_secret: b, scope: c }] }", "s.yaml:2:44: unknown key 'scope' in an app in 'auth.apps'; expected one of: app_id, app_secret")]
    [InlineData("app without id", "symbl", "{ apps: [{ app_secret: b }] }", "s.yaml:2:16: an app in 'auth.apps' needs 'app_id'")]
    [InlineData("app id not text", "symbl", "{ apps: [{ app_id: [a], app_secret: b }] }", "s.yaml:2:26: 'app_id' must be non-empty text; found a list")]
    [InlineData("app secret not text", "symbl", "{ apps: [{ app_id: a, app_secret: ~ }] }", "s.yaml:2:41: 'app_secret' must be non-empty text; found null")]
    public void LoadYaml_BadAuth_IsReportedWhereItIsWritten(string kind, string dialect, string auth, string expected)
    {
        Errors($"dialect: {dialect}\nauth: {auth}\n").Should().Equal([expected], kind);
    }

    [Fact]
    public void LoadYaml_KeysPlainAndExpiring_AreAllAccepted_AndOnlyTheExpiringOnesExpire()
    {
        var loadedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var auth = Auth("docurift", "{ keys: [plain, { key: timed, expires_after: 1h }, { key: dated, expires_at: 2025-01-01T01:00:00 }, { key: kept }] }");

        auth.Accepts("plain").Should().BeTrue();
        auth.Accepts("timed").Should().BeTrue();
        auth.Accepts("dated").Should().BeTrue();
        auth.Accepts("kept").Should().BeTrue();
        auth.Accepts("other").Should().BeFalse();
        auth.ExpiresAt("plain", loadedAt).Should().BeNull();
        auth.ExpiresAt("kept", loadedAt).Should().BeNull();
        auth.ExpiresAt("timed", loadedAt).Should().Be(loadedAt.AddHours(1));
        auth.ExpiresAt("dated", loadedAt).Should().Be(new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.Zero), "an instant without an offset is UTC");
        auth.Expiries.Keys.Should().BeEquivalentTo(["timed", "dated"], "a key listed as a mapping without an expiry never expires");
    }

    [Theory]
    [InlineData("{ keys: [a] }", false)]
    [InlineData("{ keys: [a], tenants: false }", false)]
    [InlineData("{ keys: [a], tenants: true }", true)]
    public void LoadYaml_Tenants_SeparateKeysOnlyWhenTrue(string auth, bool tenants)
    {
        Auth("docurift", auth).Tenants.Should().Be(tenants);
    }

    [Fact]
    public void LoadYaml_AppsWithoutKeys_AcceptNoKeyButTheirTokens()
    {
        var auth = Auth("symbl", "{ apps: [{ app_id: a, app_secret: b }, { app_id: c, app_secret: d }] }");

        auth.IsOpen.Should().BeFalse();
        auth.Accepts("a").Should().BeFalse();
        auth.HasApp("a", "b").Should().BeTrue();
        auth.HasApp("c", "d").Should().BeTrue();
        auth.HasApp("a", "d").Should().BeFalse();
    }

    [Fact]
    public void LoadYaml_AppsUnderAnUnknownDialect_AreStillChecked()
    {
        Errors("dialect: acme\nauth: { apps: [x] }\n").Should().Equal(
            "s.yaml:1:10: unknown dialect 'acme'; expected one of: symbl, deepaffects, waveline, aitronos, docurift, or one defined in a 'kind: dialect' file loaded with the scenarios",
            "s.yaml:2:16: each app in 'auth.apps' must be a mapping (key: value lines); found 'x'");
        Errors("dialect: acme\nauth: { apps: [{ app_id: a, app_secret: b }] }\n").Should().ContainSingle();
    }

    [Fact]
    public void LoadYaml_NoAuth_AcceptsAnyKey()
    {
        new ScenarioLoader().LoadYaml("dialect: docurift\n", "s.yaml").Auth.Accepts("anything").Should().BeTrue();
    }
}
