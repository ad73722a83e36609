namespace JobEmulator.Core.Dialects.Submissions;

/// <summary>
/// One documented field of a dialect's submit operation, as data: where it travels, what a scenario's
/// <c>when:</c> calls it, which job field it fills, and what values the vendor accepts.
/// </summary>
/// <param name="Key">The name a scenario's <c>when:</c> uses (snake_case: <c>document_type</c>).</param>
/// <param name="WireName">The name on the wire (<c>documentType</c>, or the file part's field <c>file</c>).</param>
/// <param name="Description">What it is, for error messages and docs.</param>
internal sealed record SubmissionField(string Key, string WireName, string Description)
{
    /// <summary>Where the value is read from.</summary>
    public SubmissionFieldSource Source { get; init; } = SubmissionFieldSource.Field;

    /// <summary>What else the engine does with it.</summary>
    public SubmissionFieldRole Role { get; init; } = SubmissionFieldRole.Plain;

    /// <summary>The dialect's job field it fills (see <see cref="Dialect.JobFields"/>), if any.</summary>
    public string? JobField { get; init; }

    /// <summary>True when a submission without it is refused with 400.</summary>
    public bool Required { get; init; }

    /// <summary>The value used when the submission leaves it out, if the vendor documents one.</summary>
    public string? Default { get; init; }

    /// <summary>The only values the vendor accepts, when it lists them (compared ignoring case).</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>A regular expression a value must match (checked ignoring case), when the vendor accepts a family of values (<c>^(audio|video)/</c>).</summary>
    public string? Pattern { get; init; }

    /// <summary>The HTTP status a value refused by <see cref="Choices"/> or <see cref="Pattern"/> is answered with (default 400; Aitronos' file types: 415).</summary>
    public int RefusedWith { get; init; } = 400;

    /// <summary>The routes of the submit operations the field belongs to (<see cref="Operations.DialectOperation.Route"/>); null: every submit operation.</summary>
    public IReadOnlyList<string>? OnlyFor { get; init; }

    /// <summary>True when the field belongs to the submit operation at <paramref name="route"/>.</summary>
    public bool AppliesTo(string route) => OnlyFor is null || OnlyFor.Contains(route, StringComparer.Ordinal);
}
