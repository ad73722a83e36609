using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary><c>word:</c> makes a step send the exact word a real service was seen to send.</summary>
public sealed class StatusWordTests
{
    [Fact]
    public void AStepsWord_IsWhatThePollShows_WhileItsMeaningStaysRunning()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            dialect: deepaffects
            jobs:
              - id: 8bdd983a-c6bd-4159-982d-6a2471406d62
                lifecycle:
                  - { status: running, word: "In Progress", polls: 1 }
                  - { status: completed }
            """);
        var request = new FakeRequest().Query("apikey", "k").Query("request_id", "8bdd983a-c6bd-4159-982d-6a2471406d62");

        var first = harness.Poll("deepaffects", request);
        var second = harness.Poll("deepaffects", request);

        first.Body.GetProperty("status").GetString().Should().Be("In Progress");
        second.Body.GetProperty("status").GetString().Should().Be("Completed");
        harness.Journal().Select(e => (e.Outcome, e.Status)).Should().Equal(("In Progress", JobStatus.Running), ("Completed", JobStatus.Completed));
    }

    [Theory]
    [InlineData("word: \"\"", "must be non-empty text")]
    [InlineData("word: \"a\\tb\"", "one line of at most 64 characters")]
    public void ABadWord_IsRefusedWithItsPosition(string word, string message)
    {
        var yaml = $"dialect: symbl\njobs:\n  - lifecycle:\n      - {{ status: running, polls: 1, {word} }}\n      - {{ status: completed }}\n";

        var act = () => new ScenarioLoader().LoadYaml(yaml, "bad.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage($"*bad.yaml:4:*{message}*");
    }
}
