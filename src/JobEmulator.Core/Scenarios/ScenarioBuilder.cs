using System.Globalization;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// Writes a scenario in C# the way it reads in YAML (jobs, lifecycle steps, faults), then loads it
/// through the same validation as a file: <see cref="Build"/> returns the same model
/// <see cref="ScenarioLoader"/> does, and a mistake fails with the same messages, followed by the
/// YAML the builder wrote. <see cref="ToYaml"/> gives that YAML, ready to save as a scenario file.
/// </summary>
/// <example>
/// <code>
/// var scenario = new ScenarioBuilder("docurift")
///     .Named("slow invoice")
///     .AcceptingKeys("sk_test")
///     .Job("job_1", job => job
///         .Status("pending", polls: 1)
///         .Status("processing", after: TimeSpan.FromMinutes(20))
///         .Completed()
///         .Fault(onPoll: 3, respond: 429, retryAfter: TimeSpan.FromSeconds(5)))
///     .Build();
/// </code>
/// </example>
public sealed partial class ScenarioBuilder
{
    private readonly string _dialect;
    private readonly List<JobBuilder> _jobs = [];
    private string? _name;
    private string? _description;
    private int? _seed;
    private string[]? _keys;
    private TimeSpan? _retention;

    /// <summary>Starts a scenario for the dialect named <paramref name="dialect"/> (<c>docurift</c>, <c>symbl</c>, …).</summary>
    public ScenarioBuilder(string dialect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialect);
        _dialect = dialect;
    }

    /// <summary><c>name:</c> — names the scenario in errors, logs and the journal.</summary>
    public ScenarioBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    /// <summary><c>description:</c>.</summary>
    public ScenarioBuilder Describe(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
        return this;
    }

    /// <summary><c>seed:</c> — every generated id and result is drawn from it.</summary>
    public ScenarioBuilder WithSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary><c>auth: keys:</c> — only these keys or tokens open the jobs; any other gets the vendor's 401.</summary>
    public ScenarioBuilder AcceptingKeys(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
        return this;
    }

    /// <summary><c>retention:</c> — how long a finished job stays readable before it answers 404.</summary>
    public ScenarioBuilder WithRetention(TimeSpan retention)
    {
        _retention = retention;
        return this;
    }

    /// <summary>A job; <paramref name="id"/> null lets the scenario's seed generate one in the vendor's format.</summary>
    public ScenarioBuilder Job(string? id, Action<JobBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var job = new JobBuilder(id);
        configure(job);
        _jobs.Add(job);
        return this;
    }

    /// <summary>The scenario as YAML, exactly what <see cref="Build"/> validates.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.Append("version: 1\n");
        Line(yaml, 0, "name", Quote(_name ?? $"{_dialect} scenario"));
        if (_description is not null)
        {
            Line(yaml, 0, "description", Quote(_description));
        }

        Line(yaml, 0, "dialect", Quote(_dialect));
        if (_seed is { } seed)
        {
            Line(yaml, 0, "seed", seed.ToString(CultureInfo.InvariantCulture));
        }

        if (_keys is not null)
        {
            yaml.Append("auth:\n  keys: [").AppendJoin(", ", _keys.Select(Quote)).Append("]\n");
        }

        if (_retention is { } retention)
        {
            Line(yaml, 0, "retention", Quote(DurationText.Format(retention)));
        }

        yaml.Append(_jobs.Count == 0 ? "jobs: []\n" : "jobs:\n");
        foreach (var job in _jobs)
        {
            job.Write(yaml);
        }

        return yaml.ToString();
    }

    /// <summary>Validates and builds the scenario.</summary>
    /// <exception cref="ScenarioValidationException">The scenario is invalid; the message lists every error and the YAML written.</exception>
    public Scenario Build(DialectCatalog? dialects = null)
    {
        var yaml = ToYaml();
        try
        {
            return new ScenarioLoader(dialects).LoadYaml(yaml, "builder:" + (_name ?? _dialect));
        }
        catch (ScenarioValidationException ex)
        {
            throw new ScenarioValidationException(ex.Errors, "The ScenarioBuilder wrote:" + Environment.NewLine + Numbered(yaml));
        }
    }

    private static string Numbered(string yaml)
    {
        var lines = yaml.TrimEnd('\n').Split('\n');
        var numbered = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            numbered.Append(CultureInfo.InvariantCulture, $"{i + 1,4} | {lines[i]}").Append(Environment.NewLine);
        }

        return numbered.ToString();
    }

    internal static void Line(StringBuilder yaml, int indent, string key, string value) =>
        yaml.Append(' ', indent).Append(key).Append(": ").Append(value).Append('\n');

    // JSON strings are YAML double-quoted scalars, escapes included.
    internal static string Quote(string text) => JsonSerializer.Serialize(text);

    // Arbitrary JSON as a one-line YAML flow value ("key": value with spaces, as YAML needs them).
    internal static string Flow(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var flow = new StringBuilder();
            Flow(flow, document.RootElement);
            return flow.ToString();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    private static void Flow(StringBuilder flow, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                flow.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    flow.Append(first ? string.Empty : ", ").Append(Quote(property.Name)).Append(": ");
                    Flow(flow, property.Value);
                    first = false;
                }

                flow.Append('}');
                break;
            case JsonValueKind.Array:
                flow.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    flow.Append(firstItem ? string.Empty : ", ");
                    Flow(flow, item);
                    firstItem = false;
                }

                flow.Append(']');
                break;
            case JsonValueKind.String:
                flow.Append(Quote(element.GetString()!));
                break;
            default:
                flow.Append(element.GetRawText());
                break;
        }
    }
}
