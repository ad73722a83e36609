namespace JobEmulator.Core.Engine;

/// <summary>How a status poll of an existing job was answered.</summary>
internal enum PollOutcomeKind
{
    /// <summary>200 with the job's current state.</summary>
    Status,

    /// <summary>A scripted fault answered instead; the lifecycle did not see the poll.</summary>
    Fault,

    /// <summary>The job outlived its retention and answers 404 like the real service.</summary>
    Expired,
}
