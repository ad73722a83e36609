using FluentAssertions;
using JobEmulator.Core.Scenarios;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>A folder is read below itself only: symbolic links inside it never lead the loader elsewhere.</summary>
public sealed class ScenarioFolderTests : IDisposable
{
    private static string Scenario(string name) => $"version: 1\nname: {name}\ndialect: docurift\njobs: [{{ id: job_{name}, lifecycle: [{{ status: completed }}] }}]\n";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jobemu-links-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void LinksInsideAFolder_ToFilesOrFoldersOutsideIt_AreNotFollowed()
    {
        var given = _root.CreateSubdirectory("given");
        var outside = _root.CreateSubdirectory("outside");
        File.WriteAllText(Path.Combine(given.FullName, "own.yaml"), Scenario("own"));
        File.WriteAllText(Path.Combine(outside.FullName, "secret.yaml"), Scenario("secret"));
        File.CreateSymbolicLink(Path.Combine(given.FullName, "file-link.yaml"), Path.Combine(outside.FullName, "secret.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(given.FullName, "folder-link"), outside.FullName);

        var loaded = new ScenarioLoader().LoadPaths([given.FullName]);

        loaded.Scenarios.Select(s => s.Name).Should().Equal("own");
    }

    [Fact]
    public void ALinkNamedDirectly_IsLoaded_BecauseItWasGiven()
    {
        var outside = _root.CreateSubdirectory("outside");
        File.WriteAllText(Path.Combine(outside.FullName, "target.yaml"), Scenario("target"));
        var link = Path.Combine(_root.FullName, "named-link.yaml");
        File.CreateSymbolicLink(link, Path.Combine(outside.FullName, "target.yaml"));

        var loaded = new ScenarioLoader().LoadPaths([link]);

        loaded.Scenarios.Select(s => s.Name).Should().Equal("target");
    }
}
