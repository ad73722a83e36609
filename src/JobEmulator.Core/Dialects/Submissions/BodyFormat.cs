namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>How an operation's request body is sent.</summary>
public enum BodyFormat
{
    /// <summary>No body is read.</summary>
    None,

    /// <summary><c>multipart/form-data</c>: text fields and file parts (file parts are counted, never kept).</summary>
    Multipart,

    /// <summary>A JSON object; its top-level members are the fields.</summary>
    Json,

    /// <summary>Raw bytes (an audio file): counted, never kept; seen as one file part with an empty name and the request's content type.</summary>
    Raw,
}
