using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>
/// A scripted fault: the requests its <see cref="Trigger"/> takes are answered with <see cref="Respond"/> in the dialect's
/// error envelope, or, when <see cref="Network"/> is set, fail on the connection itself.
/// </summary>
/// <param name="Trigger">Which requests it takes.</param>
/// <param name="Respond">The HTTP status to answer with (any 4xx or 5xx); 0 for a network fault.</param>
/// <param name="RetryAfter">For 429 and 503: the <c>Retry-After</c> to send (rounded up to whole seconds).</param>
/// <param name="Position">Where the fault was written.</param>
internal sealed record FaultRule(FaultTrigger Trigger, int Respond, TimeSpan? RetryAfter, SourcePosition Position)
{
    /// <summary>The connection failure to produce instead of an HTTP answer, for <c>network:</c> faults.</summary>
    public NetworkFault? Network { get; init; }

    /// <summary>The seeded draw in [0, 1) for the <paramref name="request"/>-th request of <paramref name="subject"/> (a job id, or a scenario's name for submissions).</summary>
    public static double Draw(int seed, string subject, int faultIndex, int request) =>
        (uint)StableHash.Combine(seed, subject, "fault", faultIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), request.ToString(System.Globalization.CultureInfo.InvariantCulture)) / (uint.MaxValue + 1.0);
}
