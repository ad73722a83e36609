namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>Where a submission field's value is read from.</summary>
public enum SubmissionFieldSource
{
    /// <summary>A text field (form field or JSON member) named <see cref="SubmissionField.WireName"/>.</summary>
    Field,

    /// <summary>The file name of the file part named <see cref="SubmissionField.WireName"/>.</summary>
    FileName,

    /// <summary>The content type of the file part named <see cref="SubmissionField.WireName"/>.</summary>
    FileContentType,
}
