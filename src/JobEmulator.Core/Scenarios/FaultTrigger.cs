namespace JobEmulator.Core.Scenarios;

/// <summary>
/// When a fault fires (<c>on:</c>): on the Nth request, on a range of them, on every Nth, with a seeded
/// probability, or while the job's age is in a window. Requests are counted per job (polls) or per
/// scenario (submissions), 1-based.
/// </summary>
internal sealed record FaultTrigger(FaultScope Scope)
{
    /// <summary>The first request number the fault takes (an exact <c>poll: N</c> is a range of one).</summary>
    public int? From { get; init; }

    /// <summary>The last request number the fault takes.</summary>
    public int? To { get; init; }

    /// <summary>Every Nth request (4: the 4th, 8th, …).</summary>
    public int? Every { get; init; }

    /// <summary>The chance of each request, drawn from the seed keyed by the job (or scenario) and the request number.</summary>
    public double? Probability { get; init; }

    /// <summary>From this age of the job on (<c>during.from</c>).</summary>
    public TimeSpan? WindowFrom { get; init; }

    /// <summary>Until this age of the job (<c>during.to</c>, excluded).</summary>
    public TimeSpan? WindowTo { get; init; }

    /// <summary>The one request this trigger takes, when it takes exactly one.</summary>
    public int? Exact => From is { } from && To == from && Every is null && Probability is null && WindowFrom is null ? from : null;

    /// <summary>True when the <paramref name="request"/>-th request, at <paramref name="age"/>, fires the fault; <paramref name="draw"/> is its seeded draw in [0, 1).</summary>
    public bool Matches(int request, TimeSpan age, double draw) =>
        (From is null || request >= From)
        && (To is null || request <= To)
        && (Every is null || request % Every == 0)
        && (Probability is null || draw < Probability)
        && (WindowFrom is null || age >= WindowFrom)
        && (WindowTo is null || age < WindowTo);
}
