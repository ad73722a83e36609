using JobEmulator.Core.Json;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// A vendor-specific job field a scenario may set on a job (DocuRift <c>document_type</c>, Waveline
/// <c>file_name</c>, Symbl <c>conversation</c>); when the scenario leaves it out, <see cref="Generate"/> draws it from the seed.
/// </summary>
/// <param name="Key">The YAML key (snake_case).</param>
/// <param name="Kind">The kind of value accepted.</param>
/// <param name="Description">What it is, for error messages and docs.</param>
/// <param name="Generate">Draws the default from the job's seeded faker.</param>
internal sealed record JobField(string Key, JobFieldKind Kind, string Description, Func<FakeData, JsonFragment> Generate)
{
    /// <summary>For numbers: the smallest value the vendor could send.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>For numbers: the largest value the vendor could send.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>For text: the only values the vendor documents, when it lists them.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>For <see cref="JobFieldKind.Mapping"/>: the keys the mapping may have.</summary>
    public IReadOnlyList<JobFieldKey> Keys { get; init; } = [];
}

/// <summary>One key of an <see cref="JobFieldKind.Mapping"/> job field.</summary>
/// <param name="Key">The YAML key, as the vendor spells it in JSON or snake_case.</param>
/// <param name="IsList">True when its value is a list, false when a mapping.</param>
/// <param name="Description">What it stands for, for error messages and the schema.</param>
internal sealed record JobFieldKey(string Key, bool IsList, string Description);
