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

    // After a scan that found nothing to evict: no rescan until some job may have finished, by time (the earliest
    // step deadline seen) or by a poll or a hand (JobRuntime.Finishes moved). A full store of live jobs then refuses
    // a submission at once instead of scanning every job for each one.
    private const int SweepEvery = 1024;

    private long _submissions;
    private long _fruitlessFinishes = -1;
    private DateTimeOffset _fruitlessUntil;

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
            foreach (var job in _jobs.Values)
            {
                if (job.FinishedBy(now) is not { } at)
                {
                    if (job.NextDeadline is { } deadline && deadline < earliestDeadline)
                    {
                        earliestDeadline = deadline;
                    }

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
                if (job.Scenario.Retention is { } retention && job.FinishedBy(now) is { } at && now - at >= retention)
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
