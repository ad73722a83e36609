namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>Where a submission field's value is read from.</summary>
internal enum SubmissionFieldSource
{
    /// <summary>A text field (form field or JSON member) named <see cref="SubmissionField.WireName"/>.</summary>
    Field,

    /// <summary>The file name of the file part named <see cref="SubmissionField.WireName"/>.</summary>
    FileName,

    /// <summary>The content type of the file part named <see cref="SubmissionField.WireName"/> (for a raw body: the request's <c>Content-Type</c>, part name empty).</summary>
    FileContentType,

    /// <summary>The query parameter named <see cref="SubmissionField.WireName"/> (<c>?webhook=</c>).</summary>
    Query,

    /// <summary>The route value named <see cref="SubmissionField.WireName"/> (<c>{api}</c>).</summary>
    Route,

    /// <summary>The operation's own value named <see cref="SubmissionField.WireName"/> (<see cref="Operations.DialectOperation.Values"/>), such as the media type of Symbl's <c>/v1/process/audio</c>.</summary>
    Operation,
}
