using System.Collections.Concurrent;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// What clients create at run time, kept across loads and replaced whole by a reset: each dialect's jobs
/// and each scenario's submission counter.
/// </summary>
internal sealed class EngineStores
{
    // Replaced whole when a dialect is loaded or unloaded at run time, so a poll reads it without a lock.
    private Dictionary<string, JobStore> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _capacityPerDialect;
    private readonly ConcurrentDictionary<Scenario, int> _submissions = new();
    private readonly ConcurrentDictionary<Scenario, int> _registrations = new();
    private readonly ConcurrentDictionary<Scenario, int> _tokens = new();
    private readonly ConcurrentDictionary<(Scenario, int), List<JobRuntime>> _live = new();

    public EngineStores(DialectCatalog dialects, int capacityPerDialect)
    {
        _capacityPerDialect = capacityPerDialect;
        foreach (var dialect in dialects.All)
        {
            _jobs[dialect.Name] = new JobStore(capacityPerDialect);
        }
    }

    /// <summary>An empty job store for a dialect loaded at run time (the engine's write lock held); a replaced dialect's jobs go.</summary>
    public void AddDialect(string name) =>
        Volatile.Write(ref _jobs, new Dictionary<string, JobStore>(Volatile.Read(ref _jobs), StringComparer.OrdinalIgnoreCase) { [name] = new JobStore(_capacityPerDialect) });

    /// <summary>Drops an unloaded dialect's jobs (the engine's write lock held).</summary>
    public void RemoveDialect(string name)
    {
        var jobs = new Dictionary<string, JobStore>(Volatile.Read(ref _jobs), StringComparer.OrdinalIgnoreCase);
        jobs.Remove(name);
        Volatile.Write(ref _jobs, jobs);
    }

    public int JobCount
    {
        get
        {
            var count = 0;
            foreach (var store in Volatile.Read(ref _jobs).Values)
            {
                count += store.Count;
            }

            return count;
        }
    }

    public JobStore? Jobs(Dialect dialect) => Volatile.Read(ref _jobs).GetValueOrDefault(dialect.Name);

    /// <summary>
    /// Reserves a slot for one more unfinished submitted job of <paramref name="credential"/> in <paramref name="scenario"/>,
    /// at most <paramref name="max"/> at <paramref name="now"/>; false when they are all taken. <paramref name="add"/> adds the
    /// job once created (under the same lock, so concurrent submissions cannot both take the last slot).
    /// </summary>
    /// <remarks>When refused, <paramref name="slotFreesAt"/> is the earliest instant a running job is scripted to end by time (null: they all end by polls).</remarks>
    public bool TryAddLive(Scenario scenario, string credential, int max, DateTimeOffset now, Func<JobRuntime?> add, out DateTimeOffset? slotFreesAt)
    {
        slotFreesAt = null;
        if (_live.Count >= RateLimiter.Capacity)
        {
            // Bounded like the other per-key stores: keys with no unfinished job are forgotten first.
            foreach (var (key, jobs) in _live)
            {
                lock (jobs)
                {
                    if (jobs.TrueForAll(job => job.FinishedBy(now) is not null))
                    {
                        _live.TryRemove(key, out _);
                    }
                }
            }
        }

        var live = _live.GetOrAdd((scenario, StableHash.Combine(2, credential)), static _ => []);
        lock (live)
        {
            live.RemoveAll(job => job.FinishedBy(now) is not null);
            if (live.Count >= max)
            {
                foreach (var running in live)
                {
                    if (running.ScriptedEnd(now) is { } end && (slotFreesAt is null || end < slotFreesAt))
                    {
                        slotFreesAt = end;
                    }
                }

                return false;
            }

            if (add() is { } job)
            {
                live.Add(job);
            }

            return true;
        }
    }

    /// <summary>Frees the slot of a job taken back out (a batch that failed as a whole).</summary>
    public void ReleaseLive(JobRuntime job)
    {
        if (job.Origin.Credential is { } credential && _live.TryGetValue((job.Scenario, StableHash.Combine(2, credential)), out var live))
        {
            lock (live)
            {
                live.Remove(job);
            }
        }
    }

    /// <summary>The scenarios' rate limits: sliding windows per key.</summary>
    public RateLimiter RateLimits { get; } = new();

    /// <summary>Requests per credential in the current minute, for rate-limit headers.</summary>
    public RequestWindows Windows { get; } = new();

    /// <summary>The access tokens issued.</summary>
    public TokenStore Tokens { get; } = new();

    /// <summary>The next 1-based number of a token issued in <paramref name="scenario"/>, for deterministic tokens.</summary>
    public int NextToken(Scenario scenario) => _tokens.AddOrUpdate(scenario, 1, static (_, n) => n + 1);

    /// <summary>The webhook endpoints clients registered.</summary>
    public WebhookRegistry Webhooks { get; } = new();

    /// <summary>The next 1-based number of a registration in <paramref name="scenario"/>, for deterministic endpoint ids and secrets.</summary>
    public int NextRegistration(Scenario scenario) => _registrations.AddOrUpdate(scenario, 1, static (_, n) => n + 1);

    /// <summary>The next 1-based submission number of <paramref name="scenario"/>; exact under concurrency.</summary>
    public int NextSubmission(Scenario scenario) => _submissions.AddOrUpdate(scenario, 1, static (_, n) => n + 1);

    /// <summary>The number <see cref="NextSubmission"/> would give <paramref name="scenario"/> now (what a template's <c>nth</c> is checked against when routing).</summary>
    public int PeekSubmission(Scenario scenario) => _submissions.GetValueOrDefault(scenario) + 1;
}
