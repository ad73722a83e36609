namespace JobEmulator.Core.Yaml;

/// <summary>A 1-based line and column in a scenario source.</summary>
public readonly struct SourcePosition
{
    /// <summary>The place at 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    public SourcePosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based column number.</summary>
    public int Column { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
