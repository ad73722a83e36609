using System.Collections.Concurrent;

namespace JobEmulator.Core.Engine;

/// <summary>
/// One dialect's live jobs, declared and submitted, keyed by id. Long-lived: a <c>Load</c> adds to it and
/// never rebuilds it, so a job added concurrently is never lost; a <c>Reset</c> replaces it whole. Bounded:
/// past <see cref="Capacity"/> it evicts jobs past their retention, then the oldest finished ones.
/// </summary>
internal sealed class JobStore(int capacity)
{
    private readonly ConcurrentDictionary<string, JobRuntime> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _evictionGate = new();
    private int _count;

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref _count);

    public IEnumerable<JobRuntime> Jobs => _jobs.Values;

    public JobRuntime? Find(string id) => _jobs.GetValueOrDefault(id);

    public bool Contains(string id) => _jobs.ContainsKey(id);

    /// <summary>Adds a job whose id is new; false when the id is taken.</summary>
    public bool TryAdd(JobRuntime job)
    {
        if (!_jobs.TryAdd(job.Script.Id, job))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>
    /// Makes room for <paramref name="needed"/> more jobs at <paramref name="now"/>: true when there is room
    /// (evicting if it must), false when too many of the jobs held are still live.
    /// </summary>
    public bool MakeRoom(DateTimeOffset now, int needed = 1)
    {
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

            // One pass finds what may go; evict a slice at once so a full store does not scan per submission.
            var target = Math.Max(Count + needed - Capacity, Capacity / 100);
            var expired = new List<JobRuntime>();
            var finished = new List<(DateTimeOffset At, JobRuntime Job)>();
            foreach (var job in _jobs.Values)
            {
                if (job.FinishedBy(now) is not { } at)
                {
                    continue;
                }

                if (job.Scenario.Retention is { } retention && now - at >= retention)
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

            return Count + needed <= Capacity;
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
