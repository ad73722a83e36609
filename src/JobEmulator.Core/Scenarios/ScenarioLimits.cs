using JobEmulator.Core.Limits;
namespace JobEmulator.Core.Scenarios;

/// <summary>What a scenario caps: requests per window (<c>rate_limit</c>) and live submitted jobs per key (<c>limits.concurrent_jobs</c>).</summary>
/// <param name="RateLimit">The rate limit, or null for none.</param>
/// <param name="ConcurrentJobs">How many submitted jobs one key may have unfinished at once, or null for no cap.</param>
internal sealed record ScenarioLimits(RateLimit? RateLimit, int? ConcurrentJobs)
{
    /// <summary>No limits.</summary>
    public static ScenarioLimits None { get; } = new(null, null);
}
