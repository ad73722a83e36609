
namespace JobEmulator.Cli;

// Options' defaults from JOBEMU_* environment variables, checked as strictly as the options.
internal static partial class ServeCommand
{
    // One of the option's words from the environment (AcceptOnlyFromAmong checks what is typed, not a default), or
    // the first word when the variable is unset; anything else is an error naming the variable.
    private static string ChoiceFromEnvironment(System.CommandLine.Parsing.ArgumentResult result, string variable, params string[] words)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } value)
        {
            return words[0];
        }

        if (Array.IndexOf(words, value) < 0)
        {
            result.AddError($"${variable} is '{value}', expected {string.Join(" or ", words)}");
        }

        return value;
    }

    // An instant from the environment, or null when the variable is unset; anything else is an error naming the variable.
    private static DateTimeOffset? InstantFromEnvironment(System.CommandLine.Parsing.ArgumentResult result, string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? ParseInstant(result, text, "$" + variable) : null;

    private static DateTimeOffset? ParseInstant(System.CommandLine.Parsing.ArgumentResult result, string text, string name)
    {
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var instant)
            && instant <= Core.Clocks.ManualClock.MaxTime)
        {
            return instant;
        }

        result.AddError($"{name} is '{text}', expected an instant such as 2025-01-01T00:00:00Z (no later than {Core.Clocks.ManualClock.MaxTime:yyyy-MM-dd})");
        return null;
    }

    // A number from the environment, or null when the variable is unset; a value that is not a number, or is outside
    // [min, max], is an error naming the variable, never a silent fallback.
    private static T? NumberFromEnvironment<T>(System.CommandLine.Parsing.ArgumentResult result, string variable, T min, T max, string expected)
        where T : struct, IParsable<T>, IComparable<T>
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text)
        {
            return null;
        }

        if (T.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0)
        {
            return value;
        }

        result.AddError($"${variable} is '{text}', expected {expected}");
        return null;
    }

    // $JOBEMU_SCENARIOS: files or folders separated by ':' (the container's default is /scenarios).
    private static string[] ScenariosFromEnvironment() =>
        Environment.GetEnvironmentVariable("JOBEMU_SCENARIOS") is { Length: > 0 } paths ? paths.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    // $JOBEMU_DIALECTS: more files or folders separated by ':', loaded with the scenarios (for dialect definitions kept
    // apart from them, such as a second mounted folder in a container).
    private static string[] DialectsFromEnvironment() =>
        Environment.GetEnvironmentVariable("JOBEMU_DIALECTS") is { Length: > 0 } paths ? paths.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}
