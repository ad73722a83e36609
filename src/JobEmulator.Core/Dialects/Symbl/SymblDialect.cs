using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;

namespace JobEmulator.Core.Dialects.Symbl;

/// <summary>
/// Symbl.ai's Job API (seed 000): <c>GET /v1/job/{jobId}</c> with <c>Authorization: Bearer</c>,
/// answering <c>{"id","status"}</c> with <c>scheduled</c>/<c>in_progress</c>/<c>completed</c>/<c>failed</c>.
/// The status carries neither result nor error (results live in the Conversation API): a scripted
/// <c>result</c> or <c>error</c> is accepted but not shown. Errors are <c>{"message": …}</c>; 429 adds <c>statusCode</c>. See LIMITATIONS.md.
/// </summary>
public sealed class SymblDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Bearer, CredentialSource.Header("x-api-key")];

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText StatusCode = JsonEncodedText.Encode("statusCode");

    /// <inheritdoc />
    public override string Name => "symbl";

    /// <inheritdoc />
    public override string Vendor => "Symbl.ai";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("scheduled", "in_progress", "completed", "failed");

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/v1/job/{jobId}", OperationKind.Status, Auth, "poll a job"),
    ];

    /// <inheritdoc />
    public override bool HasResult => false;


    /// <inheritdoc />
    public override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("jobId");
    }

    /// <inheritdoc />
    public override string GenerateJobId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    public override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(Id, job.Id);
        writer.WriteString(Status, WordOf(job));
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (problem.Kind == ErrorKind.RateLimited)
        {
            writer.WriteNumber(StatusCode, problem.StatusCode);
        }

        writer.WriteString(Message, problem.Kind switch
        {
            ErrorKind.MissingCredentials or ErrorKind.InvalidCredentials => "Token validation failed for provided token.",
            ErrorKind.Forbidden => "You do not have access to this job.",
            ErrorKind.JobNotFound => "The jobId is either invalid or does not exist.",
            ErrorKind.MissingJobId => "jobId is required.",
            ErrorKind.RateLimited => "Too Many Requests",
            ErrorKind.ServiceUnavailable => "Service Unavailable",
            ErrorKind.ServerError => "Internal Server Error",
            _ => "Bad Request",
        });
        writer.WriteEndObject();
    }
}
