namespace JobEmulator.Core.Replays;

/// <summary>One poll of a replay (<see cref="ScenarioReplay.Run"/>): what the client saw, and the webhooks that fired since the poll before.</summary>
public sealed class ReplayPoll
{
    internal ReplayPoll(TimeSpan at, int poll, int status, string word, int? progress, int? retryAfter, IReadOnlyList<string> webhooks)
    {
        At = at;
        Poll = poll;
        Status = status;
        Word = word;
        Progress = progress;
        RetryAfter = retryAfter;
        Webhooks = webhooks;
    }

    /// <summary>When the answer came, after the replay's start.</summary>
    public TimeSpan At { get; }

    /// <summary>Which poll, counted from 1.</summary>
    public int Poll { get; }

    /// <summary>The HTTP status answered; 0 for a network fault (no HTTP answer at all).</summary>
    public int Status { get; }

    /// <summary>The job's status word, or what else the answer was (a fault, a rate limit).</summary>
    public string Word { get; }

    /// <summary>The progress the answer carried, in percent, if any.</summary>
    public int? Progress { get; }

    /// <summary>The <c>Retry-After</c> the answer carried, in seconds, if any.</summary>
    public int? RetryAfter { get; }

    /// <summary>Each webhook sent since the poll before: its event and when it fired.</summary>
    public IReadOnlyList<string> Webhooks { get; }
}
