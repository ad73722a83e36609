using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Keys that expire on the emulator's clock, and keys that are separate tenants.</summary>
public sealed class CredentialsOverTimeTests
{
    private const string Scenario = """
        version: 1
        name: rotating-keys
        dialect: docurift
        auth:
          keys:
            - frc_forever
            - { key: frc_old, expires_after: 1h }
            - { key: frc_until_noon, expires_at: "2024-01-27T12:00:00Z" }
          tenants: true
        jobs:
          - id: job_shared
            lifecycle: [{ status: completed }]
        submitted_jobs:
          lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void AKey_ExpiresAfterItsDurationFromTheLoad_ThenAnswers401ApiKeyExpired()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        var before = harness.Poll("docurift", DocuRiftUploads.Poll("frc_old", "job_shared"));
        harness.Clock.Advance(TimeSpan.FromHours(1));
        var after = harness.Poll("docurift", DocuRiftUploads.Poll("frc_old", "job_shared"));
        var submit = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("frc_old"));

        before.StatusCode.Should().Be(200);
        after.StatusCode.Should().Be(401);
        after.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("API_KEY_EXPIRED");
        submit.StatusCode.Should().Be(401);
        harness.Poll("docurift", DocuRiftUploads.Poll("frc_forever", "job_shared")).StatusCode.Should().Be(200);
    }

    [Fact]
    public void AKey_ExpiresAtItsInstant()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);

        harness.Clock.Advance(TimeSpan.FromMinutes(89));
        var before = harness.Poll("docurift", DocuRiftUploads.Poll("frc_until_noon", "job_shared")).StatusCode;
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var at = harness.Poll("docurift", DocuRiftUploads.Poll("frc_until_noon", "job_shared")).StatusCode;

        (before, at).Should().Be((200, 401));
    }

    [Fact]
    public void WithTenants_ASubmittedJobAnswers403ToTheScenariosOtherKeys()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var id = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("frc_forever")).Body.GetProperty("data").GetProperty("id").GetString()!;

        var owner = harness.Poll("docurift", DocuRiftUploads.Poll("frc_forever", id));
        var other = harness.Poll("docurift", DocuRiftUploads.Poll("frc_old", id));
        var declared = harness.Poll("docurift", DocuRiftUploads.Poll("frc_old", "job_shared"));

        owner.StatusCode.Should().Be(200);
        other.StatusCode.Should().Be(403);
        other.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("FORBIDDEN");
        declared.StatusCode.Should().Be(200, "a declared job belongs to no one key");
    }

    [Fact]
    public void ALoadedScenariosKeys_CountFromTheirOwnLoad()
    {
        var harness = EmulatorHarness.FromYamls([]);
        harness.Clock.Advance(TimeSpan.FromHours(5));
        harness.Engine.Load(new ScenarioLoader().LoadYaml(Scenario, "late.yaml"));
        harness.Clock.Advance(TimeSpan.FromMinutes(59));

        harness.Poll("docurift", DocuRiftUploads.Poll("frc_old", "job_shared")).StatusCode.Should().Be(200);
    }

    [Theory]
    [InlineData("keys: [{ key: k, expires_after: soon }]", "'expires_after' must be")]
    [InlineData("keys: [{ key: k, expires_at: tomorrow }]", "ISO 8601 instant")]
    [InlineData("keys: [{ expires_after: 1h }]", "needs 'key'")]
    [InlineData("keys: [k]\n  tenants: yes", "'auth.tenants' must be true or false")]
    public void ABrokenKeyEntry_IsRefusedWithItsPosition(string auth, string message)
    {
        var act = () => new ScenarioLoader().LoadYaml($"dialect: docurift\nauth:\n  {auth}\n", "bad.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage($"*bad.yaml:*{message}*");
    }
}
