namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>A request body as a host read it: text fields and file parts, or why it could not be read.</summary>
public sealed class RequestBody
{
    private RequestBody(BodyReadStatus status, IReadOnlyDictionary<string, string> fields, IReadOnlyList<SubmittedFile> files, string? problem)
    {
        Status = status;
        Fields = fields;
        Files = files;
        Problem = problem;
    }

    /// <summary>No body.</summary>
    public static RequestBody Empty { get; } = Read(new Dictionary<string, string>(), []);

    /// <summary>What reading came to.</summary>
    public BodyReadStatus Status { get; }

    /// <summary>Text fields by name (form fields, or a JSON object's top-level members: strings as they are, other values as JSON text).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>File parts, in the order sent.</summary>
    public IReadOnlyList<SubmittedFile> Files { get; }

    /// <summary>Why the body was refused, for the error message; null when read.</summary>
    internal string? Problem { get; }

    /// <summary>A body read whole.</summary>
    public static RequestBody Read(IReadOnlyDictionary<string, string> fields, IReadOnlyList<SubmittedFile> files)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(files);
        return new(BodyReadStatus.Read, fields, files, null);
    }

    /// <summary>A body refused: <paramref name="status"/> says why, <paramref name="problem"/> says it to a person.</summary>
    public static RequestBody Refused(BodyReadStatus status, string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new(status, new Dictionary<string, string>(), [], problem);
    }
}
