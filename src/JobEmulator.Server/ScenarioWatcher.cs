using System.Security.Cryptography;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>
/// Hot reload (<c>serve --watch</c>): watches scenario files and folders and, a moment after they change, puts each
/// changed or added file's scenario in place of its old version (<see cref="JobEmulatorEngine.Replace"/>) and unloads
/// removed ones; a dialect definition among them replaces its dialect (<see cref="JobEmulatorEngine.LoadDialectYaml"/>)
/// and its scenarios are read again. A file's identity is its path: jobs of unchanged files keep running. A file that fails validation is
/// reported with file:line:column and its last good version keeps serving.
/// </summary>
public sealed class ScenarioWatcher : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    private readonly JobEmulatorEngine _engine;
    private readonly IReadOnlyList<string> _paths;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    // The definition files (kind: dialect) among the files, with the dialect each defines.
    private readonly Dictionary<string, string> _definitions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ITimer _debounce;

    /// <summary>Starts watching <paramref name="paths"/> (files, or folders searched for *.yaml and *.yml) for <paramref name="engine"/>.</summary>
    public ScenarioWatcher(JobEmulatorEngine engine, IEnumerable<string> paths, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _paths = [.. paths];
        _logger = logger;

        // Debounced on the wall clock: editors write a file in several steps, and this is the host's work, not the emulator's.
        _debounce = TimeProvider.System.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var path in Files())
        {
            _hashes[path] = Hash(path);
        }

        foreach (var dialect in engine.Dialects.All)
        {
            if (dialect.DefinitionSource is { } source && _hashes.ContainsKey(source))
            {
                _definitions[source] = dialect.Name;
            }
        }

        foreach (var path in _paths)
        {
            var folder = Path.GetFullPath(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!);
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = Directory.Exists(path), NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += (_, _) => Changed();
            watcher.Created += (_, _) => Changed();
            watcher.Deleted += (_, _) => Changed();
            watcher.Renamed += (_, _) => Changed();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Raised after each reload with what it did (for tests and logs).</summary>
    public event Action<ReloadReport>? Reloaded;

    /// <summary>
    /// Compares the files with what is loaded and applies the differences now: dialect definitions first (a changed one
    /// replaces its dialect, and the scenario files that spoke it are read again against it; a removed one unloads it),
    /// then scenarios.
    /// </summary>
    public ReloadReport ReloadNow()
    {
        lock (_gate)
        {
            var report = new ReloadReport();
            var now = Files().ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _hashes.Keys.Where(path => !now.Contains(path)).ToList())
            {
                _hashes.Remove(gone);
                if (_definitions.Remove(gone, out var dialect))
                {
                    _engine.UnloadDialect(dialect, out _);
                }
                else
                {
                    _engine.UnloadSource(gone);
                }

                report.Removed.Add(gone);
                WatchLog.Removed(_logger, gone);
            }

            var changed = new List<(string Path, string Hash, string Text)>();
            foreach (var path in now)
            {
                var hash = Hash(path);
                if (_hashes.TryGetValue(path, out var known) && known == hash)
                {
                    continue;
                }

                Read(path, hash, changed, report);
            }

            foreach (var (path, hash, text) in changed.Where(c => ScenarioLoader.IsDialectDefinition(c.Text)))
            {
                ReloadDefinition(path, hash, text, report);
            }

            // A replaced dialect unloaded the scenarios that spoke it: their files are read again, changed or not.
            foreach (var path in now.Where(p => !_hashes.ContainsKey(p) && !changed.Any(c => c.Path == p)).ToList())
            {
                Read(path, Hash(path), changed, report);
            }

            foreach (var (path, hash, text) in changed.Where(c => !ScenarioLoader.IsDialectDefinition(c.Text)))
            {
                try
                {
                    var scenario = new ScenarioLoader(_engine.Dialects).LoadYaml(text, path);
                    _engine.Replace(scenario);
                    _hashes[path] = hash;
                    report.Reloaded.Add(path);
                    WatchLog.Reloaded(_logger, path, scenario.JobIds.Count);
                }
                catch (Exception ex) when (ex is ScenarioValidationException or ArgumentException)
                {
                    report.Failed.Add(path);
                    WatchLog.Failed(_logger, path, ex.Message);
                }
            }

            Reloaded?.Invoke(report);
            return report;
        }
    }

    private void Read(string path, string hash, List<(string Path, string Hash, string Text)> changed, ReloadReport report)
    {
        try
        {
            // As the loader does, a file over its cap is refused from its size, before it is read.
            if (new FileInfo(path).Length > ScenarioLoader.MaxFileBytes)
            {
                new ScenarioLoader().LoadFile(path); // throws the loader's own refusal, at the file's 1:1
            }

            changed.Add((path, hash, ScenarioLoader.DecodeText(File.ReadAllBytes(path), path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ScenarioValidationException)
        {
            report.Failed.Add(path); // mid-write, or bytes YAML cannot read; the next change event tries again
            WatchLog.Failed(_logger, path, ex.Message);
        }
    }

    // A definition that changed: its dialect is loaded again (one it named before, under another name, goes), and the
    // files of the scenarios that spoke the old one are forgotten so that they are read again against the new one.
    private void ReloadDefinition(string path, string hash, string text, ReloadReport report)
    {
        try
        {
            var before = _definitions.GetValueOrDefault(path);
            var speaking = _engine.Scenarios.Scenarios.Where(s => string.Equals(s.Dialect.DefinitionSource, path, StringComparison.Ordinal)).Select(s => s.Source).ToList();

            // Tried first beside the other dialects, with the scenarios that speak it: a change that breaks one of them is
            // refused as a whole, and the last good definition and its scenarios keep serving.
            var probe = new ScenarioLoader(new Core.Dialects.DialectCatalog(_engine.Dialects.All.Where(d => !string.Equals(d.Name, before, StringComparison.OrdinalIgnoreCase))));
            probe.LoadDialectYaml(text, path);
            foreach (var source in speaking.Where(File.Exists))
            {
                probe.LoadBytes(File.ReadAllBytes(source), source);
            }

            var name = _engine.LoadDialectYaml(text, path, out _);
            if (before is not null && !string.Equals(before, name, StringComparison.OrdinalIgnoreCase))
            {
                _engine.UnloadDialect(before, out _);
            }

            _definitions[path] = name;
            _hashes[path] = hash;
            speaking.ForEach(source => _hashes.Remove(source));
            report.Reloaded.Add(path);
            WatchLog.ReloadedDialect(_logger, path, name);
        }
        catch (Exception ex) when (ex is ScenarioValidationException or IOException or UnauthorizedAccessException)
        {
            report.Failed.Add(path);
            WatchLog.Failed(_logger, path, ex.Message);
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _watchers.ForEach(watcher => watcher.Dispose());
        _debounce.Dispose();
    }

    private void Changed() => _debounce.Change(Settle, Timeout.InfiniteTimeSpan);

    // The files as the loader names them (its Source), so a file's identity is the same at start and on reload.
    private IEnumerable<string> Files() => ScenarioLoader.ExpandPaths(_paths.Where(p => Directory.Exists(p) || File.Exists(p)), []);

    private static string Hash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            // A file over the loader's cap is refused from its size: it is not read to be hashed either.
            return stream.Length > ScenarioLoader.MaxFileBytes
                ? $"over the cap: {stream.Length} bytes, written {File.GetLastWriteTimeUtc(path).Ticks}"
                : Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}

/// <summary>What one reload did.</summary>
public sealed class ReloadReport
{
    /// <summary>Files whose scenario was (re)loaded.</summary>
    public IList<string> Reloaded { get; } = [];

    /// <summary>Files that failed validation; their last good version keeps serving.</summary>
    public IList<string> Failed { get; } = [];

    /// <summary>Files that were removed, with their scenario.</summary>
    public IList<string> Removed { get; } = [];
}

/// <summary>Watch log lines.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "reloaded {Path} ({Jobs} jobs)")]
    public static partial void Reloaded(ILogger logger, string path, int jobs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "kept the last good version of {Path}: {Errors}")]
    public static partial void Failed(ILogger logger, string path, string errors);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "removed {Path}")]
    public static partial void Removed(ILogger logger, string path);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "reloaded {Path} (dialect {Dialect}; the scenarios that spoke it are read again)")]
    public static partial void ReloadedDialect(ILogger logger, string path, string dialect);
}
