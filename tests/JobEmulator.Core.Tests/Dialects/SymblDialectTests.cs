using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Symbl.ai against seed 000.</summary>
public sealed class SymblDialectTests
{
    private const string Scenario = """
        dialect: symbl
        auth: { keys: [ACCESS_TOKEN] }
        jobs:
          - id: 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d
            lifecycle:
              - { status: scheduled, polls: 1 }
              - { status: in_progress, polls: 1 }
              - { status: completed }
        """;

    private static FakeRequest Job(string id, string token = "ACCESS_TOKEN") =>
        new FakeRequest().Route("jobId", id).Header("Authorization", "Bearer " + token).Header("Content-Type", "application/json");

    [Fact]
    public void Poll_InProgress_MatchesDocumentedResponse()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Poll("symbl", Job("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")).Body.GetProperty("status").GetString().Should().Be("scheduled");

        var answer = emulator.Poll("symbl", Job("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"));

        answer.ShouldMatchGolden("symbl", "in-progress");
        emulator.Poll("symbl", Job("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")).Body.GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public void Poll_WrongToken_Answers401WithMessage()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("symbl", Job("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "stale"));

        // Symbl's error reference (docs/developer-tools/errors.md): "example auth token is incorrect".
        answer.StatusCode.Should().Be(401);
        answer.ShouldMatchGolden("symbl", "unauthorized");
    }

    [Fact]
    public void Poll_ScriptedResultAndError_AreAcceptedButTheStatusShowsOnlyIdAndStatus()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: symbl
            jobs:
              - id: done
                lifecycle:
                  - status: completed
                    result: { summary: not on this endpoint }
              - id: broken
                lifecycle:
                  - { status: failed, error: not on this endpoint }
            """);

        emulator.Poll("symbl", Job("done")).Text.Should().Be("""{"id":"done","status":"completed"}""");
        emulator.Poll("symbl", Job("broken")).Text.Should().Be("""{"id":"broken","status":"failed"}""");
    }

    [Fact]
    public void Load_JobWithoutId_GetsUuidJobId()
    {
        var scenario = new JobEmulator.Core.Scenarios.ScenarioLoader().LoadYaml("dialect: symbl\njobs: [{ lifecycle: [{ status: completed }] }]");

        scenario.Jobs[0].Id.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    }
}
