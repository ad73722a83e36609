using JobEmulator.Core.Dialects;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// Loads and validates scenario YAML from files, folders or strings. Every problem is reported with
/// file, line and column through <see cref="ScenarioValidationException"/>; nothing half-loaded escapes.
/// </summary>
public sealed partial class ScenarioLoader
{
    private readonly HashSet<string> _dialectFiles = new(StringComparer.Ordinal);
    private DialectCatalog _dialects;

    /// <summary>Creates a loader for the dialects of <paramref name="dialects"/> (default: all built-in).</summary>
    public ScenarioLoader(DialectCatalog? dialects = null) => _dialects = dialects ?? Definitions.DialectDefinitions.BuiltinCatalog;

    /// <summary>
    /// The dialects scenarios may speak: those the loader was created with, and every definition it has read since
    /// (<see cref="LoadDialectYaml"/>, and <c>kind: dialect</c> files among <see cref="LoadPaths"/>' files).
    /// </summary>
    public DialectCatalog Dialects => _dialects;

    /// <summary>
    /// Reads a dialect definition (<c>kind: dialect</c>) from YAML text, so that scenarios loaded after it may speak it;
    /// <paramref name="sourceName"/> names it in errors.
    /// </summary>
    /// <exception cref="ScenarioValidationException">It is not a valid definition, or its name or routes clash with a dialect already known (both places named).</exception>
    public void LoadDialectYaml(string yaml, string sourceName = "inline-dialect.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var errors = new List<ScenarioError>();
        var dialect = Definitions.DialectDefinitions.TryLoad(yaml, sourceName, errors);
        var extended = dialect is null ? _dialects : Definitions.DialectConflicts.Join(_dialects, [dialect], errors);
        _dialects = errors.Count == 0 ? extended : throw new ScenarioValidationException(errors);
    }

    /// <summary>Parses one scenario from YAML text; <paramref name="sourceName"/> names it in errors.</summary>
    public Scenario LoadYaml(string yaml, string sourceName = "inline.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var errors = new List<ScenarioError>();
        var scenario = TryLoad(yaml, sourceName, errors, _dialects);
        return scenario ?? throw new ScenarioValidationException(InSourceOrder(errors, [sourceName]));
    }

    /// <summary>The largest scenario file read (64 MiB); a larger one is refused from its size, before it is read.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Parses one scenario from a file's bytes: UTF-8 (a byte-order mark is skipped), or UTF-16 or UTF-32 with their
    /// byte-order mark, as YAML reads a stream. Invalid bytes and control characters are errors at their position.
    /// </summary>
    public Scenario LoadBytes(ReadOnlySpan<byte> yaml, string sourceName = "inline.yaml")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        return LoadYaml(DecodeText(yaml, sourceName), sourceName);
    }

    /// <summary>A scenario file's bytes as text, decoded as <see cref="LoadBytes"/> does; throws <see cref="ScenarioValidationException"/> for bytes YAML cannot read.</summary>
    public static string DecodeText(ReadOnlySpan<byte> bytes, string sourceName = "inline.yaml")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var errors = new List<ScenarioError>();
        return ScenarioText.Decode(bytes, sourceName, errors) ?? throw new ScenarioValidationException(errors);
    }

    /// <summary>
    /// Whether YAML text is a dialect definition rather than a scenario: a <c>kind: dialect</c> line at its top level, as
    /// <see cref="LoadPaths"/> tells them apart.
    /// </summary>
    public static bool IsDialectDefinition(string yaml) => Definitions.DialectDefinitions.IsDefinition(yaml);

    /// <summary>Loads one scenario file.</summary>
    public Scenario LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var errors = new List<ScenarioError>();
        return TryReadFile(path, errors) is { } text ? LoadYaml(text, path) : throw new ScenarioValidationException(errors);
    }

    /// <summary>
    /// True: a folder that holds no scenario files loads nothing, instead of being an error (<c>serve</c>, whose
    /// scenarios may arrive later through the admin API or <c>--watch</c>). False (the default): it is an error, as
    /// <c>validate</c> reports it.
    /// </summary>
    public bool AcceptsEmptyFolders { get; init; }

    /// <summary>
    /// Loads files and folders (folders: every <c>*.yaml</c>/<c>*.yml</c> beneath, in path order) into one
    /// set, checking that job ids are unique per dialect across all of them. Reports every error of every file.
    /// A file whose top-level <c>kind</c> is <c>dialect</c> is a dialect definition: every definition is read before any
    /// scenario (so a folder may hold a dialect and its scenarios side by side), and joins <see cref="Dialects"/> once the
    /// whole load succeeds; a definition file this loader has read before is not read again.
    /// </summary>
    public ScenarioSet LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<ScenarioError>();
        var scenarios = new List<Scenario>();
        var files = ExpandPaths(paths, errors, AcceptsEmptyFolders);

        // Dialect definitions first, whatever their place among the files, so that any scenario may speak them. A
        // scenario of a dialect already known is read at once, as before definitions could sit among the files, so
        // that a set of large files is never held in memory all together; only one that names another dialect waits
        // (its text kept) until every definition is read. Each keeps its place in the order of the files.
        var slots = new List<(string File, string? Text, Scenario? Scenario)>(files.Count);
        var defined = new List<(string File, Dialect Dialect)>();
        var broken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (TryReadFile(file, errors) is not { } text)
            {
                continue;
            }

            if (!Definitions.DialectDefinitions.IsDefinition(text))
            {
                slots.Add(Definitions.DialectDefinitions.DialectOf(text) is { } named && _dialects.Find(named) is not null
                    ? (file, null, TryLoad(text, file, errors, _dialects))
                    : (file, text, null));
            }
            else if (!_dialectFiles.Contains(Path.GetFullPath(file)))
            {
                if (Definitions.DialectDefinitions.TryLoad(text, file, errors) is { } dialect)
                {
                    defined.Add((file, dialect));
                }
                else if (Definitions.DialectDefinitions.NameOf(text) is { } name)
                {
                    broken.TryAdd(name, file);
                }
            }
        }

        var dialects = Definitions.DialectConflicts.Join(_dialects, [.. defined.Select(d => d.Dialect)], errors);
        foreach (var (file, text, read) in slots)
        {
            if ((text is null ? read : TryLoad(text, file, errors, dialects, broken)) is { } scenario)
            {
                scenarios.Add(scenario);
            }
        }

        // Ids repeated among the files that did load are reported alongside every other error.
        errors.AddRange(ScenarioSet.DuplicateIds(scenarios));
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException(InSourceOrder(errors, files));
        }

        _dialects = dialects;
        _dialectFiles.UnionWith(defined.Select(d => Path.GetFullPath(d.File)));
        return ScenarioSet.FromChecked(scenarios, dialects);
    }

    private static Scenario? TryLoad(string yaml, string source, List<ScenarioError> errors, DialectCatalog dialects, IReadOnlyDictionary<string, string>? broken = null)
    {
        var reader = new NodeReader(source);
        var scenarioReader = new ScenarioReader(reader, dialects) { BrokenDialects = broken };
        var root = YamlDocumentReader.Read(source, yaml, reader.Errors, scenarioReader);
        var scenario = root is null ? null : scenarioReader.Read(root);
        if (scenario is not null)
        {
            // Ids repeated within the one file (across files, LoadPaths checks them).
            reader.Errors.AddRange(ScenarioSet.DuplicateIds([scenario]));
        }

        errors.AddRange(reader.Errors);
        return reader.Errors.Count == 0 ? scenario : null;
    }
}
