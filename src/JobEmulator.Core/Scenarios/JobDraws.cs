using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// What a job read from YAML draws from its scenario's seed the first time it is shown: the fields it does not
/// script, and its result. Jobs that script no field share one instance, so a large file keeps none per job.
/// </summary>
internal sealed class JobDraws(Dialect dialect, int seed, JsonFragment?[]? scripted)
{
    public Dialect Dialect => dialect;

    public int Seed => seed;

    public bool HasResult => dialect.HasResult;

    // Every default is drawn, scripted or not, so scripting one field never shifts another's default.
    // An array, not a List: one object less per job, times 100,000 jobs.
    public JsonFragment[] Fields(string jobId)
    {
        var faker = ScenarioReader.SeededFaker(seed, jobId, "fields");
        var values = new JsonFragment[dialect.JobFields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var generated = dialect.JobFields[i].Generate(faker);
            values[i] = scripted?[i] ?? generated;
        }

        return values;
    }

    public JsonFragment Result(JobScript job) => dialect.GenerateResult(ScenarioReader.SeededFaker(seed, job.Id, "result"), job.Fields);
}
