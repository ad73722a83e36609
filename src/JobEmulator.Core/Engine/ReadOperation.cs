using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Limits;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A read of what the vendor serves about the jobs sharing one field's value (Symbl's Conversation API, by
/// conversationId). Checks, as a status poll makes them: credential present and known (401), some job has the
/// value (404, <see cref="ErrorKind.ResourceNotFound"/>), the newest such job's scenario opens the credential
/// (401, 403 for another tenant's), the rate limit (429); then one of them has completed (else 404,
/// <see cref="ErrorKind.ResourceNotReady"/>) and the dialect writes the answer. Reading a job does not count as
/// polling it. Finding the jobs walks the dialect's live jobs: linear in their number, bounded by the store's capacity.
/// </summary>
internal sealed class ReadOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    public static ValueTask<RequestBody> ReadBodyAsync(DialectOperation operation, IEmulatorRequest request, CancellationToken cancellationToken) =>
        operation.Body == BodyFormat.None ? new(RequestBody.Empty) : request.ReadBodyAsync(operation.Body, operation.MaxBodyBytes, cancellationToken);

    public OperationResponse Answer(in OperationContext context, RequestBody body)
    {
        var dialect = context.Dialect;
        var lookup = context.Operation.Lookup ?? throw new InvalidOperationException($"The {dialect.Name} read operation {context.Operation} has no Lookup.");
        var field = IndexOf(dialect, lookup.Field);
        var key = context.Request.GetRouteValue(lookup.RouteValue) ?? string.Empty;
        var credential = context.Operation.ReadCredential(context.Request);
        if (credential is null)
        {
            return errors.Write(context, ErrorKind.MissingCredentials, 401, null, "missing-credentials", null);
        }

        if (!engine.IsKnownCredential(dialect, credential))
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, null, "invalid-credentials", credential);
        }

        if (body.Status != BodyReadStatus.Read)
        {
            var tooLarge = body.Status == BodyReadStatus.TooLarge;
            return errors.Write(context, tooLarge ? ErrorKind.PayloadTooLarge : ErrorKind.ValidationFailed, tooLarge ? 413 : 400, null, "malformed", credential, detail: body.Problem);
        }

        var wanted = JsonFragment.Text(key).Utf8;
        List<JobRuntime>? found = null;
        foreach (var job in engine.JobsOf(dialect))
        {
            if (job.Script.Fields[field].Utf8.SequenceEqual(wanted))
            {
                (found ??= []).Add(job);
            }
        }

        if (found is null)
        {
            return errors.Write(context, ErrorKind.ResourceNotFound, 404, null, "not-found", credential, detail: key);
        }

        // Oldest first, whatever order the store keeps them in.
        found.Sort(Order);
        var (first, newest) = (found[0], found[^1]);

        var id = newest.Script.Id;
        if (engine.HasExpired(newest.Scenario, credential, context.Now))
        {
            return errors.Write(context, ErrorKind.ExpiredCredentials, 401, id, "expired-credentials", credential);
        }

        // A job's scenario names the keys that open it, whatever other scenarios accept.
        if (!engine.Opens(newest.Scenario, credential, context.Now))
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, id, "invalid-credentials", credential);
        }

        if (!Sees(newest, credential))
        {
            return errors.Write(context, ErrorKind.Forbidden, 403, id, "forbidden", credential);
        }

        RateDecision? rate = null;
        if (newest.Scenario.Limits.RateLimit is { } limit)
        {
            rate = engine.Stores.RateLimits.Take(newest.Scenario, limit, credential, context.Now);
            if (!rate.Value.Allowed)
            {
                return errors.Write(context, ErrorKind.RateLimited, 429, id, "rate-limited", credential, rate.Value.RetryAfterSeconds) with { RateLimit = rate };
            }
        }

        // What the jobs have produced so far: the newest completed one (an append still in progress leaves the previous answer).
        JobRuntime? shown = null;
        JobView shownView = default;
        for (var i = found.Count - 1; i >= 0 && shown is null; i--)
        {
            if (Sees(found[i], credential) && found[i].Peek(context.Now) is { Status: JobStatus.Completed } view)
            {
                (shown, shownView) = (found[i], view);
            }
        }

        if (shown is null)
        {
            return errors.Write(context, ErrorKind.ResourceNotReady, 404, id, "not-ready", credential, detail: key) with { RateLimit = rate };
        }

        var faker = ScenarioReader.SeededFaker(shown.Scenario.Seed, key, "read");
        var problem = dialect.WriteRead(context.Writer, context.Operation, new ReadView(key, shownView, first.CreatedAt, faker, body), context.Request);
        if (problem is not null)
        {
            return errors.Write(context, ErrorKind.ValidationFailed, 400, shown.Script.Id, "invalid-request", credential, detail: problem) with { RateLimit = rate };
        }

        return new OperationResponse(context.Operation.SuccessStatus, null, shown.Script.Id, "read", credential) { RateLimit = rate };
    }

    // By creation; at one instant by submission number (a scenario numbers its submissions); then by id, so the order is fixed.
    private static int Order(JobRuntime a, JobRuntime b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        var byNumber = a.Origin.SubmissionNumber.CompareTo(b.Origin.SubmissionNumber);
        return byTime != 0 ? byTime : byNumber != 0 ? byNumber : string.CompareOrdinal(a.Script.Id, b.Script.Id);
    }

    // Keys as tenants: a submitted job is read only by the key that submitted it.
    private static bool Sees(JobRuntime job, string credential) =>
        !job.Scenario.Auth.Tenants || job.Origin.Credential is not { } owner || string.Equals(owner, credential, StringComparison.Ordinal);

    private static int IndexOf(Dialect dialect, string key)
    {
        var index = dialect.JobFields.Select(f => f.Key).ToList().IndexOf(key);
        return index >= 0 ? index : throw new InvalidOperationException($"The {dialect.Name} dialect has no job field '{key}' for its read operations.");
    }
}
