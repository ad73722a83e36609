

namespace JobEmulator.Core.Yaml;

/// <summary>Thrown when one or more scenario sources are invalid; carries every error found, not just the first.</summary>
public sealed class ScenarioValidationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public ScenarioValidationException(IReadOnlyList<ScenarioError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from the errors found, followed by <paramref name="context"/> (for example the YAML they point into).</summary>
    public ScenarioValidationException(IReadOnlyList<ScenarioError> errors, string context)
        : base(Format(errors) + Environment.NewLine + context)
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a plain message (kept for serialization conventions).</summary>
    public ScenarioValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a plain message and inner exception.</summary>
    public ScenarioValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ScenarioValidationException()
    {
        Errors = [];
    }

    /// <summary>Every error found, in source order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Format(IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"Invalid scenario ({errors.Count} {noun}):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
