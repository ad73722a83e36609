using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// The generated corpus of broken dialect definitions (<see cref="MalformedDialectCorpus"/>): every file is refused
/// with an error at its broken spot, whose message a person can act on, whether read as text or among a folder's files.
/// </summary>
public sealed class MalformedDialectCorpusTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("jobemu-dialect-corpus-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheTemplate_Loads_AndTheCorpusHasAtLeast200Files()
    {
        new ScenarioLoader().LoadDialectYaml(MalformedDialectCorpus.Valid, "corpus.yaml");

        MalformedDialectCorpus.All.Should().HaveCountGreaterThanOrEqualTo(200);
        MalformedDialectCorpus.All.Select(f => f.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void LoadDialectYaml_EveryCorpusFile_IsRefusedAtItsBrokenSpot()
    {
        var wrong = new List<string>();
        foreach (var file in MalformedDialectCorpus.All)
        {
            var loader = new ScenarioLoader();
            try
            {
                loader.LoadDialectYaml(ScenarioLoader.DecodeText(file.Bytes, file.Name), file.Name);
                wrong.Add($"{file.Name}: loaded without an error");
            }
            catch (ScenarioValidationException ex)
            {
                if (CorpusCheck.Mismatch(file, file.Name, ex.Errors) is { } mismatch)
                {
                    wrong.Add(mismatch);
                }
            }
#pragma warning disable CA1031 // the corpus names every file that escapes with anything else
            catch (Exception ex)
#pragma warning restore CA1031
            {
                wrong.Add($"{file.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        string.Join(Environment.NewLine, wrong).Should().BeEmpty();
    }

    [Fact]
    public void LoadPaths_TheCorpusFolder_NamesEveryFileAtItsBrokenSpot()
    {
        var corpus = MalformedDialectCorpus.WriteTo(_folder.FullName);

        var errors = new ScenarioLoader().Invoking(l => l.LoadPaths([_folder.FullName])).Should().Throw<ScenarioValidationException>().Which.Errors;

        // A file whose top level does not say kind: dialect is read as a scenario, and refused as one (elsewhere in it).
        var definitions = corpus.Where(file => ScenarioLoader.IsDialectDefinition(ScenarioLoader.DecodeText(file.Bytes, file.Name))).ToList();
        definitions.Should().HaveCountGreaterThanOrEqualTo(200);
        definitions.Where(file => !errors.Any(e => e.Source == Path.Combine(_folder.FullName, file.Name) && (file.Line == 0 || (e.Position.Line == file.Line && e.Position.Column == file.Column))))
            .Select(file => file.Name).Should().BeEmpty();
        corpus.Except(definitions).Where(file => !errors.Any(e => e.Source == Path.Combine(_folder.FullName, file.Name)))
            .Select(file => file.Name).Should().BeEmpty("every file is refused");
    }
}
