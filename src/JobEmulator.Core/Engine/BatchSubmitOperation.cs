using System.Globalization;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A batch upload: one job per file, each resolved as if it came alone (the other fields shared). The operation's
/// values say which part names carry the files (<c>files</c>: names separated by <c>|</c>), which single-file field
/// the dialect's submission fields read (<c>file_field</c>), and how many files a batch may hold (<c>max_files</c>),
/// all three required; <c>max_file_bytes</c> bounds each file (the whole body's limit when absent).
/// Every file is checked before any job is created.
/// </summary>
internal sealed class BatchSubmitOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    public async ValueTask<Prepared> PrepareAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, CancellationToken cancellationToken)
    {
        var credential = operation.ReadCredential(request);
        if (credential is null)
        {
            return Prepared.Refused(credential, ErrorKind.MissingCredentials, 401, null);
        }

        if (!engine.IsKnownCredential(dialect, credential))
        {
            return Prepared.Refused(credential, ErrorKind.InvalidCredentials, 401, null);
        }

        var body = await request.ReadBodyAsync(operation.Body, operation.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Status != BodyReadStatus.Read)
        {
            var tooLarge = body.Status == BodyReadStatus.TooLarge;
            return Prepared.Refused(credential, tooLarge ? ErrorKind.PayloadTooLarge : ErrorKind.ValidationFailed, tooLarge ? 413 : 400, body.Problem);
        }

        // The operation names its file fields and bounds; a batch operation without them is a dialect author's mistake.
        var names = operation.Values["files"].Split('|');
        var single = operation.Values["file_field"];
        var max = int.Parse(operation.Values["max_files"], CultureInfo.InvariantCulture);
        var maxFileBytes = operation.Values.TryGetValue("max_file_bytes", out var perFile) ? long.Parse(perFile, CultureInfo.InvariantCulture) : operation.MaxBodyBytes;
        var files = body.Files.Where(f => names.Contains(f.FieldName, StringComparer.Ordinal)).ToList();
        if (files.Count == 0 || files.Count > max)
        {
            return Prepared.Refused(credential, ErrorKind.ValidationFailed, 400, $"A batch needs 1 to {max} files in '{names[0]}'; found {files.Count}");
        }

        var submissions = new List<Submission>(files.Count);
        foreach (var file in files)
        {
            if (file.Length > maxFileBytes)
            {
                return Prepared.Refused(credential, ErrorKind.PayloadTooLarge, 413, $"{file.FileName ?? "a file"} is larger than {maxFileBytes} bytes");
            }

            var alone = RequestBody.Read(body.Fields, [new SubmittedFile(single, file.FileName, file.ContentType, file.Length)]);
            var submission = SubmissionResolver.Resolve(dialect, operation, request, alone, out var problem, out var status);
            problem ??= submission is null ? null : dialect.CheckSubmission(operation, submission);
            if (problem is not null || submission is null)
            {
                return Prepared.Refused(credential, status == 415 ? ErrorKind.UnsupportedMediaType : ErrorKind.ValidationFailed, status, $"{file.FileName ?? "a file"}: {problem}");
            }

            submissions.Add(submission);
        }

        return new Prepared(submissions, credential, default, 0, null);
    }

    public OperationResponse Answer(in OperationContext context, Prepared prepared)
    {
        if (prepared.Submissions is not { } submissions)
        {
            return errors.Write(context, prepared.Error, prepared.Status, null, "refused", prepared.Credential, detail: prepared.Detail);
        }

        // All or nothing: room for every file first; a job refused after that (a concurrent submission took
        // the room) takes the ones already created back out.
        if (!engine.MakeRoom(context.Dialect, submissions.Count, context.Now))
        {
            return errors.Write(context, ErrorKind.TooManyJobs, 429, null, "too-many-jobs", prepared.Credential, retryAfter: 1);
        }

        var created = new List<JobRuntime>(submissions.Count);
        foreach (var submission in submissions)
        {
            var outcome = engine.Submit(context.Dialect, prepared.Credential!, submission, context.Now);
            if (outcome.Job is not { } job)
            {
                created.ForEach(engine.Discard);
                return SubmitOperation.Refusal(errors, context, outcome, prepared.Credential, submission.JobId) with { RateLimit = outcome.RateLimit };
            }

            created.Add(job);
        }

        var now = context.Now;
        var jobs = created.ConvertAll(job => job.Peek(now));

        var batchId = context.Dialect.GenerateBatchId(new FakeData(Lifecycle.StableHash.Combine(0, context.Dialect.Name, "batch", jobs[0].Id)));
        context.Dialect.WriteBatchSubmitted(context.Writer, batchId, jobs, context.Now);
        return new OperationResponse(context.Operation.SuccessStatus, null, batchId, "batch-submitted", prepared.Credential);
    }

    internal readonly record struct Prepared(IReadOnlyList<Submission>? Submissions, string? Credential, ErrorKind Error, int Status, string? Detail)
    {
        public static Prepared Refused(string? credential, ErrorKind error, int status, string? detail) => new(null, credential, error, status, detail);
    }
}
