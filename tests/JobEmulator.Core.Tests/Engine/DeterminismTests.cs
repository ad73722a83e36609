using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Everything random is drawn from the scenario's seed, so a scenario replays byte for byte.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("symbl")]
    [InlineData("deepaffects")]
    [InlineData("waveline")]
    [InlineData("aitronos")]
    [InlineData("docurift")]
    public void Load_SameSeed_GeneratesTheSameIdsAndBytes(string dialect)
    {
        var first = Completed(dialect, seed: 42);
        var second = Completed(dialect, seed: 42);
        var other = Completed(dialect, seed: 43);

        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    private static List<string> Completed(string dialect, int seed)
    {
        var yaml = $"""
            dialect: {dialect}
            seed: {seed}
            jobs:
              - lifecycle: [{"{"} status: completed {"}"}]
              - lifecycle: [{"{"} status: completed {"}"}]
            """;
        var emulator = EmulatorHarness.FromYaml(yaml);
        var scenario = emulator.Engine.Scenarios.Scenarios[0];
        return [.. scenario.Jobs.Select(job => job.Id + " " + emulator.Poll(dialect, DialectRequests.For(dialect, job.Id)).Text)];
    }
}
