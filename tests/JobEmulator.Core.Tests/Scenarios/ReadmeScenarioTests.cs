using System.Text.RegularExpressions;
using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>
/// The README's scenario examples, as a reader would use them: each whole scenario (a YAML block naming its
/// <c>dialect</c>) loads, and saved beside the bundled scenarios it collides with none of them (the made-up
/// vendor of "Your own job API" defined as in its sample).
/// </summary>
public sealed partial class ReadmeScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int> WholeScenarios()
    {
        var data = new TheoryData<int>();
        var blocks = YamlBlocks();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Contains("\ndialect:", StringComparison.Ordinal))
            {
                data.Add(i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WholeScenarios))]
    public void WholeScenario_LoadsBesideTheBundledOnes(int block)
    {
        var file = Path.Combine(_folder, $"readme-{block}.yaml");
        File.WriteAllText(file, YamlBlocks()[block]);

        // The README's own job API (samples/your-own-api) is defined there; its scenario speaks it.
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "your-own-api", "lumen.yaml")), "lumen.yaml");
        var set = loader.LoadPaths([RepositoryPaths.Scenarios, file]);

        set.Scenarios.Should().Contain(scenario => scenario.Source == file);
    }

    [Fact]
    public void Readme_HasAWholeScenarioExample() => WholeScenarios().Should().NotBeEmpty();

    private static List<string> YamlBlocks() =>
        [.. new[] { Path.Combine(RepositoryPaths.Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .SelectMany(file => YamlBlock().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value))];

    [GeneratedRegex(@"^```yaml\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
