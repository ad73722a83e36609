using System.Collections.Concurrent;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// One dialect's live jobs, declared and submitted, keyed by id. Long-lived: a <c>Load</c> adds to it and
/// never rebuilds it, so a job added concurrently is never lost; a <c>Reset</c> replaces it whole. Bounded:
/// past <see cref="Capacity"/> it evicts jobs past their retention, then the oldest finished ones.
/// A scenario's declared jobs are kept as their scripts until something asks for one (<see cref="AddDeclared"/>):
/// its <see cref="JobRuntime"/> is made then, from the instant the scenario was loaded, so it answers as if it had
/// been live all along (a job's state follows from its script, its polls and the clock), and 100,000 declared jobs
/// cost their scripts and an index until they are polled.
/// </summary>
internal sealed partial class JobStore(int capacity)
{
    private readonly ConcurrentDictionary<string, JobRuntime> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _evictionGate = new();

    // Declared jobs not asked for yet, per scenario. Made live, dropped and unloaded under one lock (rare: once per
    // job); a job already live is found in _jobs without it.
    private readonly Lock _declaredGate = new();
    private Declared[] _declared = [];
    private int _count;

    // After a scan that found nothing to evict: no rescan until some job may have finished, by time (the earliest
    // step deadline seen) or by a poll or a hand (JobRuntime.Finishes moved). A full store of live jobs then refuses
    // a submission at once instead of scanning every job for each one.
    private const int SweepEvery = 1024;

    private long _submissions;
    private long _fruitlessFinishes = -1;
    private DateTimeOffset _fruitlessUntil;

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Every job; declared jobs not asked for yet are made live first.</summary>
    public IEnumerable<JobRuntime> Jobs
    {
        get
        {
            MakeAllLive();
            return _jobs.Values;
        }
    }

    public JobRuntime? Find(string id) =>
        _jobs.TryGetValue(id, out var job) ? job
        : Array.Exists(Volatile.Read(ref _declared), declared => declared.Declares(id)) ? MakeLive(id)
        : null;

    public bool Contains(string id)
    {
        if (_jobs.ContainsKey(id))
        {
            return true;
        }

        if (Volatile.Read(ref _declared).Length == 0)
        {
            return false;
        }

        lock (_declaredGate)
        {
            return Array.Exists(_declared, declared => declared.Holds(id));
        }
    }

    /// <summary>Adds a job whose id is new; false when the id is taken.</summary>
    public bool TryAdd(JobRuntime job)
    {
        if ((Volatile.Read(ref _declared).Length > 0 && Contains(job.Script.Id)) || !_jobs.TryAdd(job.Script.Id, job))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Adds <paramref name="scenario"/>'s jobs, created at <paramref name="createdAt"/>, to be made live when first asked for.</summary>
    public void AddDeclared(Scenario scenario, DateTimeOffset createdAt)
    {
        var declared = new Declared(scenario, createdAt);
        lock (_declaredGate)
        {
            Volatile.Write(ref _declared, [.. _declared, declared]);
            Interlocked.Add(ref _count, declared.Waiting);
        }
    }

    /// <summary>Drops the jobs of the scenarios <paramref name="drop"/> picks, live or not yet asked for.</summary>
    public void RemoveScenarios(Func<Scenario, bool> drop)
    {
        lock (_declaredGate)
        {
            foreach (var declared in _declared.Where(d => drop(d.Scenario)))
            {
                Interlocked.Add(ref _count, -declared.Waiting);
            }

            Volatile.Write(ref _declared, [.. _declared.Where(d => !drop(d.Scenario))]);
        }

        foreach (var job in _jobs.Values.Where(job => drop(job.Scenario)).ToList())
        {
            Remove(job);
        }
    }

    // A declared job asked for the first time: made live, unless it was removed since (evicted, or its scenario unloaded).
    private JobRuntime? MakeLive(string id)
    {
        lock (_declaredGate)
        {
            if (_jobs.TryGetValue(id, out var live))
            {
                return live;
            }

            foreach (var declared in _declared)
            {
                if (declared.Take(id) is { } script)
                {
                    var job = new JobRuntime(script, declared.Scenario, declared.CreatedAt);
                    _jobs[id] = job;
                    if (declared.Waiting == 0)
                    {
                        Volatile.Write(ref _declared, [.. _declared.Where(d => d.Waiting > 0)]);
                    }

                    return job;
                }
            }

            return null;
        }
    }

    private void MakeAllLive()
    {
        if (Volatile.Read(ref _declared).Length == 0)
        {
            return;
        }

        lock (_declaredGate)
        {
            foreach (var declared in _declared)
            {
                foreach (var script in declared.TakeAll())
                {
                    _jobs[script.Id] = new JobRuntime(script, declared.Scenario, declared.CreatedAt);
                }
            }

            Volatile.Write(ref _declared, []);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="needed"/> more jobs at <paramref name="now"/>: true when there is room
    /// (evicting if it must), false when too many of the jobs held are still live.
    /// </summary>
    public bool MakeRoom(DateTimeOffset now, int needed = 1)
    {
        // Jobs past their retention answer 404 but would stay until the store is full: every SweepEvery submissions
        // drop them, so a long-running sidecar holds only the jobs its scenarios still keep.
        if (Interlocked.Increment(ref _submissions) % SweepEvery == 0)
        {
            SweepExpired(now);
        }

        if (Count + needed <= Capacity)
        {
            return true;
        }

        lock (_evictionGate)
        {
            if (Count + needed <= Capacity)
            {
                return true;
            }

            var finishes = JobRuntime.Finishes;
            if (finishes == _fruitlessFinishes && now < _fruitlessUntil)
            {
                return false;
            }

            // One pass finds what may go; evict a slice at once so a full store does not scan per submission.
            var target = Math.Max(Count + needed - Capacity, Capacity / 100);
            var expired = new List<JobRuntime>();
            var finished = new List<(DateTimeOffset At, JobRuntime Job)>();
            var earliestDeadline = DateTimeOffset.MaxValue;
            foreach (var job in Jobs)
            {
                // Plain locals rather than pattern variables, so that each condition can be mutated on its own (eng/mutation.sh).
                var finishedAt = job.FinishedBy(now);
                if (finishedAt is null)
                {
                    var deadline = job.NextDeadline ?? DateTimeOffset.MaxValue;
                    if (deadline < earliestDeadline)
                    {
                        earliestDeadline = deadline;
                    }

                    continue;
                }

                var at = finishedAt.Value;
                if (now - at >= (job.Scenario.Retention ?? TimeSpan.MaxValue))
                {
                    expired.Add(job);
                }
                else
                {
                    finished.Add((at, job));
                }
            }

            var evicted = 0;
            foreach (var job in expired)
            {
                evicted += Remove(job) ? 1 : 0;
            }

            if (evicted < target)
            {
                finished.Sort((a, b) => a.At.CompareTo(b.At));
                for (var i = 0; i < finished.Count && evicted < target; i++)
                {
                    evicted += Remove(finished[i].Job) ? 1 : 0;
                }
            }

            if (evicted == 0 && finished.Count == 0)
            {
                (_fruitlessFinishes, _fruitlessUntil) = (finishes, earliestDeadline);
            }
            else
            {
                _fruitlessFinishes = -1;
            }

            return Count + needed <= Capacity;
        }
    }

    private void SweepExpired(DateTimeOffset now)
    {
        lock (_evictionGate)
        {
            foreach (var job in _jobs.Values)
            {
                var retention = job.Scenario.Retention;
                if (retention is null)
                {
                    continue;
                }

                var finishedAt = job.FinishedBy(now);
                if (finishedAt is not null && now - finishedAt.Value >= retention.Value)
                {
                    Remove(job);
                }
            }
        }
    }

    public bool Remove(JobRuntime job)
    {
        if (!_jobs.TryRemove(new KeyValuePair<string, JobRuntime>(job.Script.Id, job)))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }
}
