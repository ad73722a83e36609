using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>One problem found in a scenario source, pointing at the file, line and column.</summary>
/// <param name="Source">The file path (or the name given to an in-memory source).</param>
/// <param name="Position">Where the offending node starts.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioError(string Source, SourcePosition Position, string Message)
{
    /// <summary>Formats as <c>file:line:column: message</c>, the shape compilers use and editors link.</summary>
    public override string ToString() => $"{Source}:{Position.Line}:{Position.Column}: {Message}";
}
