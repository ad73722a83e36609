namespace JobEmulator.Core.Dialects;

/// <summary>The kind of scalar a job field accepts.</summary>
internal enum JobFieldKind
{
    /// <summary>Any text.</summary>
    Text,

    /// <summary>A whole number ≥ 0.</summary>
    WholeNumber,

    /// <summary>Any number.</summary>
    Number,

    /// <summary>A mapping whose keys are <see cref="JobField.Keys"/>, each a list or a mapping, kept as JSON (Symbl's <c>conversation:</c>).</summary>
    Mapping,
}
