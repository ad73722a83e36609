using System.Globalization;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

// Paths: files and folders expanded in order, sizes checked, errors kept in the files' order.
public sealed partial class ScenarioLoader
{
    private static readonly EnumerationOptions InsideFolder = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        MatchType = MatchType.Simple,
    };

    /// <summary>The scenario files <paramref name="paths"/> name: files as given, folders searched recursively.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, List<ScenarioError> errors) => ExpandPaths(paths, errors, acceptsEmptyFolders: false);

    /// <summary>The folders among <paramref name="paths"/> that hold no scenario files (what <c>serve</c> warns about).</summary>
    public static IReadOnlyList<string> EmptyFolders(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var empty = new List<string>();
        foreach (var path in paths.Where(Directory.Exists))
        {
            var errors = new List<ScenarioError>();
            if (ExpandPaths([path], errors, acceptsEmptyFolders: true).Count == 0 && errors.Count == 0)
            {
                empty.Add(path);
            }
        }

        return empty;
    }

    private static List<string> ExpandPaths(IEnumerable<string> paths, List<ScenarioError> errors, bool acceptsEmptyFolders)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(errors);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A folder is read below itself only: symbolic links inside it (to files or folders) are not followed, so a
        // link can never make the emulator read outside the paths it was given. Name a link's target to load it.
        void Add(string file)
        {
            // The same file named twice (a file and its folder) is loaded once.
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(file);
            }
        }

        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                try
                {
                    var found = Directory.EnumerateFiles(path, "*.*", InsideFolder)
                        .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal)
                        .ToList();
                    if (found.Count == 0 && !acceptsEmptyFolders)
                    {
                        errors.Add(new ScenarioError(path, new SourcePosition(1, 1), "the folder holds no *.yaml or *.yml scenario files"));
                    }

                    found.ForEach(Add);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new ScenarioError(path, new SourcePosition(1, 1), "cannot read the folder: " + ex.Message));
                }
            }
            else if (File.Exists(path))
            {
                Add(path);
            }
            else
            {
                errors.Add(new ScenarioError(path, new SourcePosition(1, 1), "no such file or folder"));
            }
        }

        return files;
    }

    private static List<ScenarioError> InSourceOrder(List<ScenarioError> errors, IReadOnlyList<string> files) =>
        [.. errors.OrderBy(e => IndexOf(files, e.Source)).ThenBy(e => e.Position.Line).ThenBy(e => e.Position.Column)];

    private static int IndexOf(IReadOnlyList<string> files, string source)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i] == source)
            {
                return i;
            }
        }

        return -1;
    }

    private static ScenarioError TooLarge(string path, string size) => new(path, new SourcePosition(1, 1),
        $"the file is {size}, larger than the 64 MiB ({MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes) a scenario file may be; split it into several files");

    private static string? TryReadFile(string path, List<ScenarioError> errors)
    {
        try
        {
            // The size is checked before reading where the file system knows it, and the read itself stops past the cap
            // (a pipe, a device or a file growing meanwhile has no size to check first).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            if (stream.CanSeek && stream.Length > MaxFileBytes)
            {
                errors.Add(TooLarge(path, stream.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes"));
                return null;
            }

            var bytes = new MemoryStream(stream.CanSeek ? (int)stream.Length : 64 * 1024);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (bytes.Length + read > MaxFileBytes)
                {
                    errors.Add(TooLarge(path, "more than that"));
                    return null;
                }

                bytes.Write(buffer, 0, read);
            }

            return ScenarioText.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), path, errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ScenarioError(path, new SourcePosition(1, 1), "cannot read the file: " + ex.Message));
            return null;
        }
    }
}
