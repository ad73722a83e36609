namespace JobEmulator.Tests.Shared;

/// <summary>Finds the repository's folders from a test's output directory (linked into each test project).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobEmulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("JobEmulator.sln not found above " + AppContext.BaseDirectory);
    }
}
