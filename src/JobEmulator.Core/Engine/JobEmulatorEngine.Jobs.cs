using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

public sealed partial class JobEmulatorEngine
{
    /// <summary>
    /// Every live job (of the dialect named <paramref name="dialect"/> when one is given), as it stands now, oldest first
    /// (then by id). Reading does not count as a poll, so a declared job nobody polled stays where it was.
    /// </summary>
    public IReadOnlyList<JobSnapshot> Jobs(string? dialect = null)
    {
        var now = Time.GetUtcNow();
        var jobs = new List<JobSnapshot>();
        foreach (var served in Dialects.All)
        {
            if (dialect is null || string.Equals(served.Name, dialect, StringComparison.OrdinalIgnoreCase))
            {
                jobs.AddRange(JobsOf(served).Select(job => new JobSnapshot(job, now)));
            }
        }

        jobs.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return jobs;
    }

    /// <summary>The job <paramref name="id"/> of the dialect named <paramref name="dialect"/> as it stands now, or null.</summary>
    public JobSnapshot? Job(string dialect, string id)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return Dialects.Find(dialect) is { } served && FindJob(served, id) is { } job ? new JobSnapshot(job, Time.GetUtcNow()) : null;
    }

    /// <summary>
    /// Moves the job <paramref name="id"/> of <paramref name="dialect"/> on by hand, as the admin API's "advance" does: to
    /// its next step, or with <paramref name="to"/> to its next step in that status, announcing the change (webhooks
    /// included). False when there is no such job, it has finished, or no later step has that status.
    /// </summary>
    public bool AdvanceJob(string dialect, string id, JobStatus? to = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return Dialects.Find(dialect) is { } served && FindJob(served, id) is { } job && Advance(job, to);
    }
}
