using System.Buffers;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A dialect's status endpoint, host-neutral: reads credential and id through
/// <see cref="IEmulatorRequest"/>, polls the job, and writes the vendor's body into a buffer.
/// Order of checks, as real gateways do: credential present and known (401), id present (400),
/// job exists (404), credential opens this job's scenario (401), scripted fault, then the job's state.
/// </summary>
public sealed class StatusEndpoint
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonFragment.Encoder, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly JobEmulatorEngine _engine;
    private long _traceCounter;

    /// <summary>Creates the endpoint over <paramref name="engine"/>.</summary>
    public StatusEndpoint(JobEmulatorEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Answers one status request of <paramref name="dialect"/>, writing the JSON body to <paramref name="body"/>.</summary>
    public StatusResponse Handle(Dialect dialect, IEmulatorRequest request, IBufferWriter<byte> body)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var writer = RentWriter(body);
        var now = _engine.Time.GetUtcNow();
        StatusResponse answer;
        try
        {
            answer = Answer(dialect, request, writer, now);
        }
        finally
        {
            writer.Flush();
            writer.Reset();
        }

        var journal = _engine.Journal;
        if (journal.IsEnabled)
        {
            TimeSpan? retryAfter = answer.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            journal.Record(now, request.Method, request.Path, request.Query, dialect.Name, answer.JobId, answer.Credential, answer.StatusCode, retryAfter, answer.Status, answer.Outcome);
        }

        return answer;
    }

    private StatusResponse Answer(Dialect dialect, IEmulatorRequest request, Utf8JsonWriter writer, DateTimeOffset now)
    {
        var id = dialect.ReadJobId(request);
        if (string.IsNullOrEmpty(id))
        {
            id = null;
        }

        var credential = dialect.ReadCredential(request);
        if (credential is null)
        {
            return Error(dialect, writer, ErrorKind.MissingCredentials, 401, id, null, now, "missing-credentials", null);
        }

        if (!_engine.IsKnownCredential(dialect, credential))
        {
            return Error(dialect, writer, ErrorKind.InvalidCredentials, 401, id, null, now, "invalid-credentials", credential);
        }

        if (id is null)
        {
            return Error(dialect, writer, ErrorKind.MissingJobId, 400, id, null, now, "missing-id", credential);
        }

        var job = _engine.FindJob(dialect, id);
        if (job is null)
        {
            return Error(dialect, writer, ErrorKind.JobNotFound, 404, id, null, now, "not-found", credential);
        }

        // A job's scenario names the keys that open it ("any other key: 401"), whatever other scenarios accept.
        if (!job.Scenario.Auth.Accepts(credential))
        {
            return Error(dialect, writer, ErrorKind.InvalidCredentials, 401, id, null, now, "invalid-credentials", credential);
        }

        var outcome = job.Poll(now);
        switch (outcome.Kind)
        {
            case PollOutcomeKind.Fault:
                var fault = outcome.Fault!;
                int? retryAfter = fault.Respond == 429 || fault.RetryAfter is not null
                    ? Math.Max(1, (int)Math.Ceiling((fault.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds))
                    : null;
                return Error(dialect, writer, KindOf(fault.Respond), fault.Respond, id, retryAfter, now, "scripted-fault", credential);
            case PollOutcomeKind.Expired:
                return Error(dialect, writer, ErrorKind.JobNotFound, 404, id, null, now, "expired", credential);
            default:
                dialect.WriteJob(writer, outcome.Job, request);
                return new StatusResponse(200, null, id, dialect.StatusWords[outcome.Job.Status], credential, outcome.Job.Status);
        }
    }

    /// <summary>The error a scripted status code is rendered as.</summary>
    public static ErrorKind KindOf(int statusCode) => statusCode switch
    {
        401 => ErrorKind.InvalidCredentials,
        403 => ErrorKind.Forbidden,
        404 => ErrorKind.JobNotFound,
        429 => ErrorKind.RateLimited,
        503 => ErrorKind.ServiceUnavailable,
        >= 500 => ErrorKind.ServerError,
        _ => ErrorKind.BadRequest,
    };

    private StatusResponse Error(Dialect dialect, Utf8JsonWriter writer, ErrorKind kind, int status, string? id, int? retryAfter, DateTimeOffset now, string outcome, string? credential)
    {
        var trace = "trace_" + ((uint)StableHash.Combine((int)Interlocked.Increment(ref _traceCounter), id ?? string.Empty)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        dialect.WriteError(writer, new ErrorView(kind, status, id, retryAfter, now, trace));
        return new StatusResponse(status, retryAfter, id, outcome, credential);
    }

    private static Utf8JsonWriter RentWriter(IBufferWriter<byte> body)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(body, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(body);
        }

        return writer;
    }
}
