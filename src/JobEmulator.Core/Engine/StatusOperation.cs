using JobEmulator.Core.Dialects;

using JobEmulator.Core.Limits;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A status poll. Order of checks, as real gateways do: credential present and known (401), id present
/// (400), job exists (404), credential opens this job's scenario (401), scripted fault, then the job's state.
/// </summary>
internal sealed class StatusOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    public OperationResponse Answer(in OperationContext context) =>
        Find(context, out var job, out var id, out var credential, out var rate) is { } refused ? refused : Answer(context, job!, id!, credential!) with { RateLimit = rate };

    /// <summary>
    /// The job a request names, once every check a poll makes has passed (the rate limit's token taken); otherwise the
    /// refusal, written. A cancel makes the same checks.
    /// </summary>
    public OperationResponse? Find(in OperationContext context, out JobRuntime? job, out string? id, out string? credential, out RateDecision? rate)
    {
        job = null;
        rate = null;
        var dialect = context.Dialect;
        id = dialect.ReadJobId(context.Request);
        if (string.IsNullOrEmpty(id))
        {
            id = null;
        }

        credential = context.Operation.ReadCredential(context.Request);
        if (credential is null)
        {
            return errors.Write(context, ErrorKind.MissingCredentials, 401, id, "missing-credentials", null);
        }

        if (!engine.IsKnownCredential(dialect, credential))
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, id, "invalid-credentials", credential);
        }

        if (id is null)
        {
            return errors.Write(context, ErrorKind.MissingJobId, 400, id, "missing-id", credential);
        }

        job = engine.FindJob(dialect, id);
        if (job is null)
        {
            return errors.Write(context, ErrorKind.JobNotFound, 404, id, "not-found", credential);
        }

        if (engine.HasExpired(job.Scenario, credential, context.Now))
        {
            return errors.Write(context, ErrorKind.ExpiredCredentials, 401, id, "expired-credentials", credential);
        }

        // A job's scenario names the keys that open it ("any other key: 401"), whatever other scenarios accept.
        if (!engine.Opens(job.Scenario, credential, context.Now))
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, id, "invalid-credentials", credential);
        }

        // Keys as tenants: a submitted job answers only the key that submitted it.
        if (job.Scenario.Auth.Tenants && job.Origin.Credential is { } owner && !string.Equals(owner, credential, StringComparison.Ordinal))
        {
            return errors.Write(context, ErrorKind.Forbidden, 403, id, "forbidden", credential);
        }

        // A refused request is not a poll: the limit is checked before the job counts it.
        if (job.Scenario.Limits.RateLimit is { } limit)
        {
            rate = engine.Stores.RateLimits.Take(job.Scenario, limit, credential, context.Now);
            if (!rate.Value.Allowed)
            {
                return errors.Write(context, ErrorKind.RateLimited, 429, id, "rate-limited", credential, rate.Value.RetryAfterSeconds) with { RateLimit = rate };
            }
        }

        return null;
    }

    private OperationResponse Answer(in OperationContext context, JobRuntime job, string id, string credential)
    {
        var dialect = context.Dialect;
        var outcome = engine.Poll(job, context.Now);
        var latency = outcome.Latency ?? job.Scenario.Latency.Status ?? job.Scenario.Latency.Default;
        return Render(context, job, outcome, id, credential) with { Delay = latency?.Draw(job.Scenario.Seed, job.Script.Id, outcome.Request) };
    }

    private OperationResponse Render(in OperationContext context, JobRuntime job, PollOutcome outcome, string id, string credential)
    {
        var dialect = context.Dialect;
        switch (outcome.Kind)
        {
            case PollOutcomeKind.Fault when outcome.Fault!.Network is { } network:
                // The body a normal answer would carry (the host cuts or drops it); the request did not count as a poll.
                dialect.WriteJob(context.Writer, job.Peek(context.Now), context.Request);
                return new OperationResponse(network is NetworkFault.Malformed or NetworkFault.Truncated ? 200 : 0, null, id, "network-" + network.ToString().ToLowerInvariant(), credential) { Network = network };
            case PollOutcomeKind.Fault:
                var fault = outcome.Fault!;
                return errors.Write(context, ErrorWriter.KindOf(fault.Respond), fault.Respond, id, "scripted-fault", credential, SubmitOperation.RetryAfterSeconds(fault));
            case PollOutcomeKind.Expired:
                return errors.Write(context, ErrorKind.JobNotFound, 404, id, "expired", credential);
            default:
                dialect.WriteJob(context.Writer, outcome.Job, context.Request);
                return new OperationResponse(context.Operation.SuccessFor(outcome.Job.Status), null, id, dialect.WordTextOf(outcome.Job), credential, outcome.Job.Status) { Progress = outcome.Job.Progress };
        }
    }
}
