using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Credentials across several scenarios of one dialect, and ids across dialects.</summary>
public sealed class AuthTests
{
    private const string TeamA = """
        dialect: docurift
        auth: { keys: [key_a] }
        jobs: [{ id: job_a, lifecycle: [{ status: completed }] }]
        """;

    private const string TeamB = """
        dialect: docurift
        auth: { keys: [key_b] }
        jobs: [{ id: job_b, lifecycle: [{ status: completed }] }]
        """;

    [Fact]
    public void Poll_KeyOfAnotherScenario_Answers401InvalidKey()
    {
        var emulator = EmulatorHarness.FromYamls([TeamA, TeamB]);

        var answer = emulator.Poll("docurift", new FakeRequest().Route("id", "job_a").Header("X-API-Key", "key_b"));

        answer.StatusCode.Should().Be(401);
        answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("INVALID_API_KEY");
    }

    [Fact]
    public void Poll_UnknownJobWithKeyOfSomeScenario_Answers404()
    {
        var emulator = EmulatorHarness.FromYamls([TeamA, TeamB]);

        emulator.Poll("docurift", new FakeRequest().Route("id", "job_zzz").Header("X-API-Key", "key_b")).StatusCode.Should().Be(404);
        emulator.Poll("docurift", new FakeRequest().Route("id", "job_zzz").Header("X-API-Key", "key_z")).StatusCode.Should().Be(401);
    }

    [Fact]
    public void Poll_NoAuthSection_AcceptsAnyNonEmptyKeyButNotNone()
    {
        var emulator = EmulatorHarness.FromYaml("dialect: docurift\njobs: [{ id: job_1, lifecycle: [{ status: completed }] }]");

        emulator.Poll("docurift", new FakeRequest().Route("id", "job_1").Header("X-API-Key", "anything")).StatusCode.Should().Be(200);
        emulator.Poll("docurift", new FakeRequest().Route("id", "job_1")).StatusCode.Should().Be(401);
    }

    [Fact]
    public void Create_SameIdInTwoDialects_IsTwoDifferentJobs()
    {
        var emulator = EmulatorHarness.FromYamls(
        [
            "dialect: docurift\njobs: [{ id: job_abc123def456, lifecycle: [{ status: completed }] }]",
            "dialect: aitronos\njobs: [{ id: job_abc123def456, lifecycle: [{ status: failed }] }]",
        ]);

        emulator.Poll("docurift", new FakeRequest().Route("id", "job_abc123def456").Header("X-API-Key", "k"))
            .Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
        emulator.Poll("aitronos", new FakeRequest().Route("job_id", "job_abc123def456").Header("X-API-Key", "k"))
            .Body.GetProperty("status").GetString().Should().Be("failed");
    }

    [Fact]
    public void Create_ScenarioOfADialectTheEngineDoesNotServe_FailsClearly()
    {
        var scenario = new ScenarioLoader().LoadYaml(TeamA);
        var onlySymbl = new JobEmulator.Core.Dialects.DialectCatalog([JobEmulator.Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("symbl")!]);

        var act = () => new JobEmulator.Core.Engine.JobEmulatorEngine(ScenarioSet.Create([scenario]), TimeProvider.System, onlySymbl);

        act.Should().Throw<ArgumentException>().WithMessage("*speaks dialect 'docurift', which this engine does not serve*");
    }

    [Fact]
    public void Create_SameIdTwiceInOneDialectAcrossFiles_NamesBothPlaces()
    {
        var act = () => EmulatorHarness.FromYamls([TeamA, TeamA.Replace("key_a", "key_c", StringComparison.Ordinal)]);

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().ContainSingle()
            .Which.ToString().Should().Be("scenario1.yaml:3:8: job id 'job_a' is already used by a docurift job at scenario0.yaml:3:8; ids must be unique within a dialect");
    }
}
