using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;

using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A job submission. Credential present and known (401), body readable and within the operation's limit
/// (400, 413, counted while it streams), the dialect's required fields present and valid (400), room in the
/// store (429), then the new job as the vendor shows it.
/// </summary>
internal sealed class SubmitOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    /// <summary>Reads and resolves the submission; nothing is written and no job is created yet.</summary>
    public async ValueTask<Prepared> PrepareAsync(Dialect dialect, Dialects.Operations.DialectOperation operation, IEmulatorRequest request, CancellationToken cancellationToken)
    {
        var credential = operation.ReadCredential(request);
        if (credential is null)
        {
            return new Prepared(null, credential, ErrorKind.MissingCredentials, 401, null, "missing-credentials");
        }

        if (!engine.IsKnownCredential(dialect, credential))
        {
            return new Prepared(null, credential, ErrorKind.InvalidCredentials, 401, null, "invalid-credentials");
        }

        var body = await request.ReadBodyAsync(operation.Body, operation.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        switch (body.Status)
        {
            case BodyReadStatus.TooLarge:
                return new Prepared(null, credential, ErrorKind.PayloadTooLarge, 413, body.Problem, "too-large");
            case BodyReadStatus.Malformed:
                return new Prepared(null, credential, ErrorKind.ValidationFailed, 400, body.Problem, "malformed");
        }

        var submission = SubmissionResolver.Resolve(dialect, operation, request, body, out var problem, out var status);
        problem ??= submission is null ? null : dialect.CheckSubmission(operation, submission);
        submission = problem is null ? submission : null;
        return submission is null
            ? new Prepared(null, credential, status == 415 ? ErrorKind.UnsupportedMediaType : ErrorKind.ValidationFailed, status, problem, "invalid-submission")
            : new Prepared(submission, credential, default, 0, null, null);
    }

    /// <summary>Creates the job (or answers the refusal found while preparing) and writes the answer.</summary>
    public OperationResponse Answer(in OperationContext context, Prepared prepared)
    {
        if (prepared.Submission is not { } submission)
        {
            return errors.Write(context, prepared.Error, prepared.Status, null, prepared.Outcome!, prepared.Credential, detail: prepared.Detail);
        }

        var outcome = engine.Submit(context.Dialect, prepared.Credential!, submission, context.Now);
        return Answer(context, prepared, outcome) with { RateLimit = outcome.RateLimit, Delay = outcome.Delay };
    }

    private OperationResponse Answer(in OperationContext context, Prepared prepared, SubmitOutcome outcome)
    {
        if (outcome.Refusal is not null)
        {
            return Refusal(errors, context, outcome, prepared.Credential, prepared.Submission?.JobId);
        }

        var job = outcome.Job!;
        var view = job.Peek(context.Now);
        context.Dialect.WriteSubmitted(context.Writer, view, context.Request);
        return new OperationResponse(context.Operation.SuccessFor(view.Status), null, job.Script.Id, context.Dialect.WordTextOf(view), prepared.Credential, view.Status);
    }

    /// <summary>The answer to a submission the engine refused, in the dialect's envelope (shared with batch submissions).</summary>
    internal static OperationResponse Refusal(ErrorWriter errors, in OperationContext context, SubmitOutcome outcome, string? credential, string? wantedId)
    {
        switch (outcome.Refusal)
        {
            case SubmitRefusal.ExpiredCredential:
                return errors.Write(context, ErrorKind.ExpiredCredentials, 401, null, "expired-credentials", credential);
            case SubmitRefusal.RateLimited:
                return errors.Write(context, ErrorKind.RateLimited, 429, null, "rate-limited", credential, outcome.RateLimit!.Value.RetryAfterSeconds);
            case SubmitRefusal.ConcurrentJobs:
                return errors.Write(context, ErrorKind.ConcurrentJobLimit, 429, null, "concurrent-jobs", credential, outcome.SlotFreesInSeconds ?? 1, detail: outcome.ConcurrentJobs!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case SubmitRefusal.Full:
                return errors.Write(context, ErrorKind.TooManyJobs, 429, null, "too-many-jobs", credential, retryAfter: 1);
            case SubmitRefusal.Fault when outcome.Fault!.Network is { } network:
                // A submission whose connection fails: no job was created; the body is an empty object for the host to cut.
                context.Writer.WriteStartObject();
                context.Writer.WriteEndObject();
                return new OperationResponse(network is NetworkFault.Malformed or NetworkFault.Truncated ? 200 : 0, null, null, "network-" + network.ToString().ToLowerInvariant(), credential) { Network = network };
            case SubmitRefusal.Fault:
                var fault = outcome.Fault!;
                return errors.Write(context, ErrorWriter.KindOf(fault.Respond), fault.Respond, null, "scripted-fault", credential, RetryAfterSeconds(fault));
            case SubmitRefusal.IdUnavailable:
                return errors.Write(context, ErrorKind.ValidationFailed, 400, wantedId, "id-unavailable", credential, detail: $"The id '{wantedId}' is already used or cannot be used as a job id");
            default:
                return errors.Write(context, ErrorKind.InvalidCredentials, 401, null, "invalid-credentials", credential);
        }
    }

    /// <summary>The whole seconds of <c>Retry-After</c> a scripted fault sends: its own, or 1 s for a 429 that sets none.</summary>
    internal static int? RetryAfterSeconds(Scenarios.FaultRule fault) =>
        fault.Respond == 429 || fault.RetryAfter is not null
            ? Math.Max(1, (int)Math.Ceiling((fault.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds))
            : null;

    /// <summary>A submission read and resolved, or the error to answer instead.</summary>
    internal readonly record struct Prepared(Submission? Submission, string? Credential, ErrorKind Error, int Status, string? Detail, string? Outcome);
}
