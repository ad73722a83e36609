using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Every file under scenarios/ loads, and together they cover each dialect's stories.</summary>
public sealed class BundledScenariosTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadFile_BundledScenario_IsValid(string relativePath)
    {
        var scenario = new ScenarioLoader().LoadFile(Path.Combine(RepositoryPaths.Root, relativePath));

        (scenario.Jobs.Count + (scenario.SubmittedJobs[0] == SubmittedJobTemplate.Default ? 0 : scenario.SubmittedJobs.Count)).Should().BePositive("a bundled scenario declares jobs or scripts submitted ones");
        Path.GetFileName(Path.GetDirectoryName(relativePath)).Should().Be(scenario.Dialect.Name, "scenarios live in a folder named after their dialect");
    }

    [Fact]
    public void LoadPaths_WholeFolder_LoadsTogetherWithUniqueIds()
    {
        var set = new ScenarioLoader().LoadPaths([RepositoryPaths.Scenarios]);

        set.Scenarios.Should().HaveCount(Files().Count);
    }

    [Theory]
    [InlineData("symbl")]
    [InlineData("deepaffects")]
    [InlineData("waveline")]
    [InlineData("aitronos")]
    [InlineData("docurift")]
    public void LoadPaths_EachDialect_HasAHappyPathAFailureAndA429(string dialect)
    {
        var jobs = new ScenarioLoader().LoadPaths([RepositoryPaths.Scenarios]).Scenarios
            .Where(s => s.Dialect.Name == dialect)
            .SelectMany(s => s.Jobs)
            .ToList();

        jobs.Should().Contain(j => j.Lifecycle[j.Lifecycle.Count - 1].Status == JobStatus.Completed && j.Faults.Count == 0, "a happy path");
        jobs.Should().Contain(j => j.Lifecycle[j.Lifecycle.Count - 1].Status == JobStatus.Failed, "a failed job");
        jobs.Should().Contain(j => j.Faults.Any(f => f.Respond == 429), "a 429 mid-polling");
    }
}
