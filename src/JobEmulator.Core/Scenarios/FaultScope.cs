namespace JobEmulator.Core.Scenarios;

/// <summary>Which requests a fault counts: a job's status polls, or the submissions to a scenario.</summary>
internal enum FaultScope
{
    /// <summary>The job's status requests (every one counts, faulted ones too).</summary>
    Polls,

    /// <summary>The submissions to the scenario that the template takes.</summary>
    Submissions,
}
