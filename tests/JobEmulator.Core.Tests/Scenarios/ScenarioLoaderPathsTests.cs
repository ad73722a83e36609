using System.Text;
using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Which files a folder holds, which folders are empty, and the order errors are reported in.</summary>
public sealed class ScenarioLoaderPathsTests : IDisposable
{
    private const string Valid = "dialect: docurift\njobs: [{ lifecycle: [{ status: completed }] }]\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-paths-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ExpandPaths_AFolder_GivesItsYamlAndYmlFilesBeneath_InPathOrder()
    {
        var b = Write("b.yml", Valid);
        var a = Write("a.YAML", Valid);
        var nested = Write("sub/c.yaml", Valid);
        Write("notes.txt", "not a scenario");
        Write("yaml", "no extension");
        var errors = new List<ScenarioError>();

        var files = ScenarioLoader.ExpandPaths([_folder], errors);

        files.Should().Equal(a, b, nested);
        errors.Should().BeEmpty();
    }

    [Fact]
    public void ExpandPaths_AnEmptyFolder_IsAnError()
    {
        var errors = new List<ScenarioError>();

        ScenarioLoader.ExpandPaths([_folder], errors).Should().BeEmpty();

        errors.Select(e => e.ToString()).Should().Equal($"{_folder}:1:1: the folder holds no *.yaml or *.yml scenario files");
    }

    [Fact]
    public void LoadPaths_AFileAndItsFolder_LoadsTheFileOnce()
    {
        var a = Write("a.yaml", Valid);

        var set = new ScenarioLoader().LoadPaths([a, _folder]);

        set.Scenarios.Should().ContainSingle().Which.Source.Should().Be(a);
    }

    [Fact]
    public void LoadPaths_AnEmptyFolder_LoadsNothingWhenEmptyFoldersAreAccepted()
    {
        var set = new ScenarioLoader { AcceptsEmptyFolders = true }.LoadPaths([_folder]);

        set.Scenarios.Should().BeEmpty();
    }

    [Fact]
    public void EmptyFolders_NamesOnlyExistingFoldersWithoutScenarios()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var full = Path.GetDirectoryName(Write("full/a.yaml", Valid))!;
        var file = Write("b.yaml", Valid);

        ScenarioLoader.EmptyFolders([empty, full, file, Path.Combine(_folder, "missing")]).Should().Equal(empty);
    }

    [Fact]
    public void LoadPaths_ErrorsOfSeveralFiles_AreInTheOrderTheFilesWereNamed_ThenByLineAndColumn()
    {
        var second = Write("a.yaml", "version: 0\ndialect: docurift\njobs:\n  - { lifecycle: [], id: \"a b\" }\n");
        var first = Write("b.yaml", "dialect: docurift\nseed: x\n");

        var load = () => new ScenarioLoader().LoadPaths([first, second]);

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => $"{Path.GetFileName(e.Source)}:{e.Position}")
            .Should().Equal("b.yaml:2:7", "a.yaml:1:10", "a.yaml:4:18", "a.yaml:4:26");
    }

    [Fact]
    public void LoadPaths_APathThatIsNotThere_IsReportedBeforeTheErrorsInFiles()
    {
        var first = Write("b.yaml", "dialect: docurift\nseed: x\n");
        var second = Write("a.yaml", "dialect: docurift\nseed: y\n");
        var missing = Path.Combine(_folder, "missing.yaml");

        var load = () => new ScenarioLoader().LoadPaths([first, second, missing]);

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => $"{Path.GetFileName(e.Source)}:{e.Position}")
            .Should().Equal("missing.yaml:1:1", "b.yaml:2:7", "a.yaml:2:7");
    }

    [Fact]
    public void LoadYaml_ErrorsOfOneFile_AreInLineAndColumnOrder()
    {
        var load = () => new ScenarioLoader().LoadYaml("version: 0\ndialect: docurift\njobs:\n  - { lifecycle: [], id: \"a b\" }\n", "one.yaml");

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.Position.ToString()).Should().Equal("1:10", "4:18", "4:26");
    }

    [Fact]
    public void LoadYaml_TwoJobsWithOneId_IsRefusedAtTheSecond()
    {
        var load = () => new ScenarioLoader().LoadYaml("dialect: docurift\njobs:\n  - { id: a1, lifecycle: [{ status: completed }] }\n  - { id: a1, lifecycle: [{ status: completed }] }\n", "one.yaml");

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())
            .Should().Equal("one.yaml:4:5: job id 'a1' is already used by a docurift job at one.yaml:3:5; ids must be unique within a dialect");
    }

    [Fact]
    public void LoadFile_Missing_SaysItCannotBeRead()
    {
        var path = Path.Combine(_folder, "missing.yaml");

        var load = () => new ScenarioLoader().LoadFile(path);

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Single().Should().Match<ScenarioError>(e =>
            e.Source == path && e.Position.ToString() == "1:1" && e.Message.StartsWith("cannot read the file: ", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_AValidFile_IsNamedAfterItsPath()
    {
        var path = Write("slow-invoice.yaml", Valid);

        new ScenarioLoader().LoadFile(path).Should().Match<Scenario>(s => s.Source == path && s.Name == "slow-invoice");
    }

    [Fact]
    public void LoadFile_UnreadableBytes_AreReportedAtTheirPosition()
    {
        var path = Path.Combine(_folder, "bad.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("dialect: docurift\nname: "), 0xFF, (byte)'\n']);

        var load = () => new ScenarioLoader().LoadFile(path);

        load.Should().Throw<ScenarioValidationException>().Which.Errors.Single().Position.Line.Should().Be(2);
    }

    [Fact]
    public void LoadBytes_AByteOrderMark_IsSkipped()
    {
        var scenario = new ScenarioLoader().LoadBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: bom\n" + Valid)], "bom.yaml");

        scenario.Name.Should().Be("bom");
    }
}
