using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>One job as a scenario scripts it: its id, lifecycle, faults and vendor-specific fields.</summary>
internal sealed class JobScript
{
    private readonly Func<JsonFragment>? _generateResult;
    private readonly JobDraws? _draws;
    private JsonFragment? _generatedResult;
    private IReadOnlyList<JsonFragment>? _fields;

    /// <summary>Creates a validated job script (see <see cref="ScenarioLoader"/>).</summary>
    public JobScript(string id, IReadOnlyList<LifecycleStep> lifecycle, IReadOnlyList<FaultRule> faults, IReadOnlyList<JsonFragment> fields, Func<JsonFragment>? generateResult, SourcePosition position, Latency? latency = null)
    {
        Latency = latency;
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(fields);
        Id = id;
        Lifecycle = lifecycle;
        Faults = faults;
        _fields = fields;
        _generateResult = generateResult;
        Position = position;
    }

    // A job read from YAML: the fields it does not script, and its result, are drawn from the seed the first time
    // they are shown, so loading 100,000 jobs pays for neither.
    internal JobScript(string id, IReadOnlyList<LifecycleStep> lifecycle, IReadOnlyList<FaultRule> faults, JobDraws draws, SourcePosition position, Latency? latency)
    {
        Latency = latency;
        Id = id;
        Lifecycle = lifecycle;
        Faults = faults;
        _draws = draws;
        Position = position;
    }

    // The same job with another lifecycle (a cancelled job's): its fields and result stay those already drawn or to be drawn.
    private JobScript(JobScript other, IReadOnlyList<LifecycleStep> lifecycle)
    {
        Latency = other.Latency;
        Id = other.Id;
        Lifecycle = lifecycle;
        Faults = other.Faults;
        _fields = other._fields;
        _draws = other._draws;
        _generateResult = other._generateResult;
        _generatedResult = other._generatedResult;
        Position = other.Position;
    }

    /// <summary>This job with <paramref name="lifecycle"/> in place of its own.</summary>
    internal JobScript WithLifecycle(IReadOnlyList<LifecycleStep> lifecycle) => new(this, lifecycle);

    /// <summary>How long the emulator takes to answer this job's polls (<c>latency:</c>), unless a step says otherwise; null: the scenario's.</summary>
    public Latency? Latency { get; }

    /// <summary>The job id clients poll with.</summary>
    public string Id { get; }

    /// <summary>The steps, in order; the last is terminal.</summary>
    public IReadOnlyList<LifecycleStep> Lifecycle { get; }

    /// <summary>Faults keyed by status request number.</summary>
    public IReadOnlyList<FaultRule> Faults { get; }

    /// <summary>The dialect's job fields (see <c>Dialect.JobFields</c>), as JSON values in declared order.</summary>
    public IReadOnlyList<JsonFragment> Fields => _fields ?? LazyInitializer.EnsureInitialized(ref _fields, () => _draws!.Fields(Id));

    /// <summary>
    /// The result generated from the seed, used when the completed step scripts none; drawn the first time it
    /// is read, so loading or submitting a job never pays for a result nobody sees. Null when the dialect has none.
    /// </summary>
    public JsonFragment? GeneratedResult =>
        _generateResult is not null ? LazyInitializer.EnsureInitialized(ref _generatedResult, _generateResult)
        : _draws is { HasResult: true } draws ? LazyInitializer.EnsureInitialized(ref _generatedResult, () => draws.Result(this))
        : null;

    /// <summary>Where the job was written.</summary>
    public SourcePosition Position { get; }

    /// <summary>The fault for the <paramref name="request"/>-th status request of a new job, if one is scripted (the first listed wins).</summary>
    public FaultRule? FaultFor(int request) => FaultFor(request, TimeSpan.Zero, 0);

    /// <summary>The fault for the <paramref name="request"/>-th status request, at <paramref name="age"/> of the job, drawing probabilities from <paramref name="seed"/>; the first listed that fires wins.</summary>
    public FaultRule? FaultFor(int request, TimeSpan age, int seed)
    {
        for (var i = 0; i < Faults.Count; i++)
        {
            var fault = Faults[i];
            if (fault.Trigger.Scope == FaultScope.Polls
                && fault.Trigger.Matches(request, age, fault.Trigger.Probability is null ? 0 : FaultRule.Draw(seed, Id, i, request)))
            {
                return fault;
            }
        }

        return null;
    }
}
