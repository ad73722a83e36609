using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Cli.Tests;

/// <summary>
/// The generated corpus of broken files (<see cref="MalformedScenarioCorpus"/>) through <c>jobemu validate</c> and
/// <c>jobemu serve</c>: both exit 1, naming every file at its broken spot, and neither crashes nor hangs.
/// </summary>
public sealed class MalformedCorpusCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-corpus-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("validate")]
    [InlineData("serve")]
    public async Task TheCorpusFolder_ExitsOne_NamingEveryFileAtItsBrokenSpot(string command)
    {
        var corpus = MalformedScenarioCorpus.WriteTo(_folder);
        string[] args = command == "serve" ? ["serve", _folder, "--port", "0"] : ["validate", _folder];

        var (exit, _, errors) = await Jobemu.RunAsync(args);

        exit.Should().Be(ExitCodes.InvalidScenario);
        var missing = corpus
            .Where(file => file.Line > 0 && !errors.Contains($"{Path.Combine(_folder, file.Name)}:{file.Line}:{file.Column}: ", StringComparison.Ordinal))
            .Select(file => file.Name)
            .ToList();
        missing.Should().BeEmpty();
        corpus.Where(file => file.Line == 0).Should().OnlyContain(file => errors.Contains(Path.Combine(_folder, file.Name) + ":", StringComparison.Ordinal));
        errors.Split('\n').Should().OnlyContain(line => line.Length <= 2 * CorpusCheck.MaxMessageLength, "a person reads every line");
        if (Environment.GetEnvironmentVariable("JOBEMU_CORPUS_OUTPUT") is { Length: > 0 } keep)
        {
            await File.WriteAllTextAsync(keep, errors, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task TheDialectCorpusFolder_ExitsOne_NamingEveryDefinitionAtItsBrokenSpot()
    {
        var folder = Path.Combine(_folder, "dialects");
        var corpus = MalformedDialectCorpus.WriteTo(folder);

        var (exit, _, errors) = await Jobemu.RunAsync(["validate", folder]);

        exit.Should().Be(ExitCodes.InvalidScenario);
        corpus.Where(file => !errors.Contains(Path.Combine(folder, file.Name) + ":", StringComparison.Ordinal)).Select(file => file.Name).Should().BeEmpty("every file is named");
        corpus.Where(file => file.Line > 0 && Core.Scenarios.ScenarioLoader.IsDialectDefinition(Core.Scenarios.ScenarioLoader.DecodeText(file.Bytes, file.Name))
                && !errors.Contains($"{Path.Combine(folder, file.Name)}:{file.Line}:{file.Column}: ", StringComparison.Ordinal))
            .Select(file => file.Name).Should().BeEmpty("every definition is refused at its broken spot");
    }
}
