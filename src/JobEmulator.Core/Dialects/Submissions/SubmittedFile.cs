namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>A file part of an upload: what it was called and how big it was. Its bytes are counted while streaming, never kept.</summary>
public sealed class SubmittedFile
{
    /// <summary>A file part sent in <paramref name="fieldName"/>, named <paramref name="fileName"/>, of <paramref name="contentType"/>, <paramref name="length"/> bytes long.</summary>
    public SubmittedFile(string fieldName, string? fileName, string? contentType, long length)
    {
        FieldName = fieldName;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
    }

    /// <summary>The form field it came in (<c>file</c>).</summary>
    public string FieldName { get; }

    /// <summary>The file name the client sent, if any.</summary>
    public string? FileName { get; }

    /// <summary>The part's content type, if any.</summary>
    public string? ContentType { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }
}
