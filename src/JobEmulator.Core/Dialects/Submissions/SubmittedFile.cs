namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>A file part of an upload: what it was called and how big it was. Its bytes are counted while streaming, never kept.</summary>
/// <param name="FieldName">The form field it came in (<c>file</c>).</param>
/// <param name="FileName">The file name the client sent, if any.</param>
/// <param name="ContentType">The part's content type, if any.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record SubmittedFile(string FieldName, string? FileName, string? ContentType, long Length);
