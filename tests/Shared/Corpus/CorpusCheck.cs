using JobEmulator.Core.Yaml;

namespace JobEmulator.Tests.Shared;

/// <summary>What every host must do with a corpus file's errors (linked into the test projects that use the corpus).</summary>
internal static class CorpusCheck
{
    /// <summary>The longest message a person is expected to read for one error.</summary>
    public const int MaxMessageLength = 600;

    /// <summary>Null when <paramref name="errors"/> include one at the file's broken spot and every error is sound; else what is wrong.</summary>
    public static string? Mismatch(MalformedScenario file, string source, IReadOnlyList<ScenarioError> errors)
    {
        if (errors.Count == 0)
        {
            return $"{file.Name}: no error";
        }

        foreach (var error in errors)
        {
            if (error.Source != source || error.Position.Line < 1 || error.Position.Column < 1)
            {
                return $"{file.Name}: an error without its place: {error}";
            }

            if (error.Message.Length is < 10 or > MaxMessageLength || error.Message.Contains("Exception", StringComparison.Ordinal))
            {
                return $"{file.Name}: a message no one can act on ({error.Message.Length} characters): {Shorten(error.Message)}";
            }
        }

        var at = errors.Where(e => file.Line == 0 || (e.Position.Line == file.Line && e.Position.Column == file.Column)).ToList();
        if (at.Count == 0)
        {
            return $"{file.Name}: expected an error at {file.Line}:{file.Column}; got {string.Join(" | ", errors.Select(e => Shorten(e.ToString())))}";
        }

        return at.Any(e => e.Message.Contains(file.Expect, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"{file.Name}: the error at {file.Line}:{file.Column} does not say '{file.Expect}': {Shorten(at[0].Message)}";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
