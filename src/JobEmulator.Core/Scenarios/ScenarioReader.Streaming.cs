using System.Globalization;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>'jobs' read item by item while the file is parsed, so a file of many jobs never holds all their nodes.</summary>
internal sealed partial class ScenarioReader : IRootListStreamer
{
    private List<JobScript>? _streamed;
    private readonly List<ScenarioError> _streamedErrors = [];

    /// <summary>
    /// Reads 'jobs' item by item as the document is parsed, when what jobs depend on (dialect, seed, name) came before it
    /// in plain form; the jobs are the same as <see cref="ReadJobs"/> makes, but a file of many jobs never holds all their
    /// nodes at once. Otherwise (or for any other key) the list is read whole and read later.
    /// </summary>
    public Action<YamlNode>? Begin(string key, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> before)
    {
        if (key != "jobs" || _streamed is not null)
        {
            return null;
        }

        foreach (var entry in before)
        {
            if (entry.Key.Value == "jobs")
            {
                return null; // a second 'jobs' is a duplicate key; it is reported, not read
            }
        }

        YamlNode? dialectNode = null, seedNode = null, nameNode = null;
        foreach (var (entryKey, value) in before)
        {
            switch (entryKey.Value)
            {
                case "dialect": dialectNode = value; break;
                case "seed": seedNode = value; break;
                case "name": nameNode = value; break;
            }
        }

        // Only values Read() will read the same way without an error; anything else is read whole, later, as before.
        var seed = 0;
        if (dialectNode is not YamlScalar { IsNull: false } dialectName || dialects.Find(dialectName.Value) is not { } dialect
            || (seedNode is not null && !(seedNode is YamlScalar { IsPlain: true } seedText && int.TryParse(seedText.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)))
            || (nameNode is not null && (nameNode is not YamlScalar { IsNull: false } nameText || string.IsNullOrWhiteSpace(nameText.Value))))
        {
            return null;
        }

        var name = NameOrDefault((nameNode as YamlScalar)?.Value);
        var idRandom = new FakeData(StableHash.Combine(seed, dialect.Name, name, "ids"));
        var jobs = _streamed = [];
        var number = 0;
        return item =>
        {
            // As ReadJobs: an id is drawn for every job, scripted or not.
            var generatedId = dialect.GenerateJobId(idRandom);
            var errorsBefore = reader.Errors.Count;
            if (ReadJob(item, ++number, dialect, seed, generatedId) is { } job)
            {
                jobs.Add(job);
            }

            // A job's errors count only if the whole document parses (Read adds them), as when the list is read whole.
            _streamedErrors.AddRange(reader.Errors.Skip(errorsBefore));
            reader.Errors.RemoveRange(errorsBefore, reader.Errors.Count - errorsBefore);
        };
    }
}
