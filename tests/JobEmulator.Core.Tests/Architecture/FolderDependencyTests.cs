using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Core.Tests.Architecture;

/// <summary>
/// Core's folders form layers: no folder depends on one that depends on it, directly or through others. A folder
/// depends on another when one of its files names a type declared at the top level of the other's files (comments
/// and strings set aside), which is what a reader following the code sees.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void CoresFolders_HaveNoDependencyLoop()
    {
        var dependsOn = FolderDependencies();

        var loops = new List<string>();
        foreach (var folder in dependsOn.Keys.Order(StringComparer.Ordinal))
        {
            if (PathBack(dependsOn, folder) is { } loop)
            {
                loops.Add(string.Join(" -> ", loop));
            }
        }

        loops.Should().BeEmpty("each folder of JobEmulator.Core depends only on folders below it");
        dependsOn["Dialects"].Should().NotContain("Scenarios", "a dialect describes a wire format; scenarios are written in one");
        dependsOn["Json"].Should().BeEmpty("JSON fragments are the bottom layer");
    }

    // The folders a folder depends on, from the source files themselves.
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "JobEmulator.Core");
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Folder: Path.GetRelativePath(core, f).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : ".", Text: Code(File.ReadAllText(f))))
            .ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, text) in files)
        {
            foreach (Match declared in TopLevelType().Matches(text))
            {
                declaredIn.TryAdd(declared.Groups["name"].Value, folder);
            }
        }

        var dependsOn = files.Select(f => f.Folder).Distinct().ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var (folder, text) in files)
        {
            foreach (Match name in Identifier().Matches(text))
            {
                if (declaredIn.TryGetValue(name.Value, out var other) && other != folder)
                {
                    dependsOn[folder].Add(other);
                }
            }
        }

        return dependsOn;
    }

    // A path from the folder back to itself through its dependencies, or null.
    private static List<string>? PathBack(Dictionary<string, HashSet<string>> dependsOn, string start)
    {
        var path = new List<string> { start };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Walk(start) ? path : null;

        bool Walk(string folder)
        {
            foreach (var next in dependsOn[folder].Order(StringComparer.Ordinal))
            {
                path.Add(next);
                if (next == start || (seen.Add(next) && Walk(next)))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }

            return false;
        }
    }

    private static string Code(string source) => Strings().Replace(Comments().Replace(source, string.Empty), "\"\"");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JobEmulator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No JobEmulator.sln above {AppContext.BaseDirectory}: these tests read the repository's sources.");
    }

    [GeneratedRegex(@"^(?:public|internal) (?:[a-z]+ )*(?:class|struct|record|interface|enum) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();
}
