namespace JobEmulator.Core.Lifecycle;

/// <summary>The four canonical states every dialect's status words map onto.</summary>
public enum JobStatus
{
    /// <summary>Accepted, not started (Symbl <c>scheduled</c>, DocuRift <c>pending</c>, Waveline <c>CREATED</c>).</summary>
    Queued,

    /// <summary>Being processed (Symbl <c>in_progress</c>, DocuRift <c>processing</c>, Waveline <c>RUNNING</c>).</summary>
    Running,

    /// <summary>Terminal: finished with a result.</summary>
    Completed,

    /// <summary>Terminal: finished with an error.</summary>
    Failed,
}
