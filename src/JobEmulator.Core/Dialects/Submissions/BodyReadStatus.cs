namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>What reading a request body came to.</summary>
public enum BodyReadStatus
{
    /// <summary>Read whole.</summary>
    Read,

    /// <summary>Larger than the operation allows; reading stopped at the limit.</summary>
    TooLarge,

    /// <summary>Not the format the operation takes (wrong content type, broken multipart or JSON).</summary>
    Malformed,
}
