using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary>A scripted fault: the job's <see cref="OnPoll"/>-th status request is answered with <see cref="Respond"/>.</summary>
/// <param name="OnPoll">1-based number of the status request (every request for the job counts, faulted ones too).</param>
/// <param name="Respond">The HTTP status to answer with, in the dialect's own error envelope.</param>
/// <param name="RetryAfter">For 429 and 503: the <c>Retry-After</c> to send (rounded up to whole seconds).</param>
/// <param name="Position">Where the fault was written.</param>
public sealed record FaultRule(int OnPoll, int Respond, TimeSpan? RetryAfter, SourcePosition Position);
