using JobEmulator.Core.Scenarios;

namespace JobEmulator.Cli;

/// <summary>Which scenario takes each dialect's submissions, in words, for <c>serve</c>'s start-up output.</summary>
internal static class SubmissionRouting
{
    /// <summary>One line per dialect with a loaded scenario, in load order.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<Scenario> scenarios)
    {
        foreach (var group in scenarios.GroupBy(s => s.Dialect.Name, StringComparer.OrdinalIgnoreCase))
        {
            var takers = group.Where(s => s.DeclaresSubmissions).Select(s => $"{s.Name} ({Keys(s.Auth)})").ToList();
            yield return takers.Count == 0
                ? $"submissions: {group.Key,-12} no scenario declares submitted_jobs; any accepted key's jobs follow the default lifecycle"
                : $"submissions: {group.Key,-12} {string.Join(", then ", takers)}; other keys' jobs follow the default lifecycle";
        }
    }

    private static string Keys(ScenarioAuth auth)
    {
        if (auth.IsOpen)
        {
            return "any key";
        }

        var parts = new List<string>();
        if (auth.Keys is { Count: > 0 } keys)
        {
            parts.Add($"{(keys.Count == 1 ? "key" : "keys")} {string.Join(", ", keys.Order(StringComparer.Ordinal))}");
        }

        if (auth.AppIds.Count > 0)
        {
            parts.Add($"tokens of {string.Join(", ", auth.AppIds)}");
        }

        return string.Join(" and ", parts);
    }
}
