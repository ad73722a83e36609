using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Loading scenarios into a running engine, and resetting it to what it started with.</summary>
public sealed class EngineResetAndLoadTests
{
    private const string Start = """
        dialect: docurift
        jobs:
          - id: job_1
            lifecycle:
              - { status: processing, polls: 2 }
              - { status: completed }
        """;

    private const string Extra = """
        dialect: docurift
        name: extra
        auth: { keys: [extra-key] }
        jobs:
          - id: job_2
            lifecycle:
              - { status: completed }
        """;

    private static Answer Poll(EmulatorHarness emulator, string id, string key = "k") =>
        emulator.Poll("docurift", new FakeRequest().Route("id", id).Header("X-API-Key", key));

    private static string StatusOf(Answer answer) => answer.Body.GetProperty("data").GetProperty("status").GetString()!;

    [Fact]
    public void Load_AddsJobs_AndKeepsRunningJobsWhereTheyWere()
    {
        var emulator = EmulatorHarness.FromYaml(Start);
        Poll(emulator, "job_1");
        Poll(emulator, "job_1");

        emulator.Engine.Load(new ScenarioLoader().LoadYaml(Extra, "extra.yaml"));

        StatusOf(Poll(emulator, "job_1")).Should().Be("completed");
        StatusOf(Poll(emulator, "job_2", "extra-key")).Should().Be("completed");
        emulator.Engine.Scenarios.Scenarios.Should().HaveCount(2);
        emulator.Engine.JobCount.Should().Be(2);
    }

    [Fact]
    public void Load_ADuplicateId_IsRefusedWithBothPlaces_AndChangesNothing()
    {
        var emulator = EmulatorHarness.FromYaml(Start);
        var duplicate = new ScenarioLoader().LoadYaml(Start.Replace("dialect: docurift", "dialect: docurift\nname: again", StringComparison.Ordinal), "again.yaml");

        var load = () => emulator.Engine.Load(duplicate);

        load.Should().Throw<ScenarioValidationException>().WithMessage("*again.yaml:*job id 'job_1' is already used*scenario0.yaml*");
        emulator.Engine.Scenarios.Scenarios.Should().HaveCount(1);
    }

    [Fact]
    public void Reset_ReturnsToTheStartingScenarios_WithFreshJobs_AndAnEmptyJournal()
    {
        var emulator = EmulatorHarness.FromYaml(Start);
        emulator.Engine.Load(new ScenarioLoader().LoadYaml(Extra, "extra.yaml"));
        Poll(emulator, "job_1");
        Poll(emulator, "job_1");
        StatusOf(Poll(emulator, "job_1")).Should().Be("completed");

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        emulator.Engine.Reset();

        emulator.Engine.Journal.Snapshot().Should().BeEmpty();
        var first = Poll(emulator, "job_1");
        StatusOf(first).Should().Be("processing");
        first.Body.GetProperty("data").GetProperty("createdAt").GetString().Should().Be("2024-01-27T10:35:00Z", "a reset job is created anew on the clock");
        Poll(emulator, "job_2", "extra-key").StatusCode.Should().Be(404, "scenarios loaded after start are dropped by a reset");
    }
}
