using System.Text.Json;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>DocuRift's wire bodies, field for field as seed 004 prints them.</summary>
internal sealed partial class DocuRiftDialect
{
    private static readonly JsonEncodedText Success = JsonEncodedText.Encode("success");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Progress = JsonEncodedText.Encode("progress");
    private static readonly JsonEncodedText DocumentType = JsonEncodedText.Encode("documentType");
    private static readonly JsonEncodedText DocumentId = JsonEncodedText.Encode("documentId");
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText CompletedAt = JsonEncodedText.Encode("completedAt");
    private static readonly JsonEncodedText FailedAt = JsonEncodedText.Encode("failedAt");
    private static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    private static readonly JsonFragment DefaultFailureDetails = JsonFragment.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("step", "processing");
        w.WriteBoolean("retryable", false);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    internal override JsonFragment CompleteErrorDetails(JsonFragment scripted)
    {
        ArgumentNullException.ThrowIfNull(scripted);
        var details = System.Text.Json.Nodes.JsonNode.Parse(scripted.Utf8) as System.Text.Json.Nodes.JsonObject;
        if (details is null)
        {
            return scripted;
        }

        // The document's failed job always tells clients which step failed and whether to retry.
        details.TryAdd("step", "processing");
        details.TryAdd("retryable", false);
        return JsonFragment.Build(w => details.WriteTo(w));
    }

    /// <inheritdoc />
    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean(Success, true);
        writer.WritePropertyName(Data);
        WriteJobData(writer, job, null);
        writer.WriteEndObject();
    }

    /// <summary>Writes the job object (the <c>data</c> of a status body and of a webhook event), with the submitter's <c>metadata</c> when given.</summary>
    internal void WriteJobData(Utf8JsonWriter writer, in JobView job, string? metadata)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, job.Id);
        writer.WriteString(Status, WordOf(job));
        writer.WriteNumber(Progress, job.Progress);
        writer.WritePropertyName(DocumentType);
        job.Fields[DocumentTypeField].WriteTo(writer);
        if (job.Status == JobStatus.Completed)
        {
            writer.WritePropertyName(DocumentId);
            job.Fields[DocumentIdField].WriteTo(writer);
            writer.WritePropertyName(Result);
            (job.Result ?? JsonFragment.Null).WriteTo(writer);
        }
        else if (job.Status == JobStatus.Failed)
        {
            writer.WriteStartObject(Error);
            writer.WriteString(Code, job.Error?.Code ?? "PROCESSING_FAILED");
            writer.WriteString(Message, job.Error?.Message ?? "Document processing failed.");
            writer.WritePropertyName(Details);
            (job.Error?.Details ?? DefaultFailureDetails).WriteTo(writer);
            writer.WriteEndObject();
        }

        if (metadata is not null)
        {
            writer.WriteString(Metadata, metadata);
        }

        IsoTime.Write(writer, CreatedAt, job.CreatedAt);
        IsoTime.Write(writer, UpdatedAt, job.UpdatedAt);
        if (job.FinishedAt is { } finished)
        {
            IsoTime.Write(writer, job.Status == JobStatus.Completed ? CompletedAt : FailedAt, finished);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (code, message) = problem.Kind switch
        {
            ErrorKind.MissingCredentials => ("UNAUTHORIZED", "Missing or invalid authentication credentials"),
            ErrorKind.InvalidCredentials => ("INVALID_API_KEY", "The provided API key is invalid or expired"),
            ErrorKind.ExpiredCredentials => ("API_KEY_EXPIRED", "The provided API key has expired"),
            ErrorKind.Forbidden => ("FORBIDDEN", "You do not have permission to access this job"),
            ErrorKind.JobNotFound => ("JOB_NOT_FOUND", $"Job with ID '{problem.JobId}' not found"),
            ErrorKind.MissingJobId => ("VALIDATION_ERROR", "Job ID is required"),
            ErrorKind.RateLimited => ("RATE_LIMIT_EXCEEDED", "Too many requests, please slow down"),
            ErrorKind.ServiceUnavailable => ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable, please retry later"),
            ErrorKind.ServerError => ("INTERNAL_ERROR", "An internal error occurred"),
            ErrorKind.ConcurrentJobLimit => ("RATE_LIMIT_EXCEEDED", $"Too many concurrent jobs (the limit is {problem.Detail}), please wait for one to finish"),
            ErrorKind.Conflict => ("CONFLICT", "The request conflicts with the current state of the job"),
            ErrorKind.BadGateway => ("BAD_GATEWAY", "The service received an invalid response from an upstream server"),
            ErrorKind.GatewayTimeout => ("GATEWAY_TIMEOUT", "The service timed out waiting for an upstream server"),
            ErrorKind.ValidationFailed => ("VALIDATION_ERROR", problem.Detail ?? "The request is invalid"),
            ErrorKind.PayloadTooLarge => ("FILE_TOO_LARGE", "The file exceeds the maximum upload size of 50 MB"),
            ErrorKind.TooManyJobs => ("RATE_LIMIT_EXCEEDED", "Too many jobs in progress, please wait for some to finish"),
            ErrorKind.WebhookNotFound => ("WEBHOOK_NOT_FOUND", $"Webhook with ID '{problem.JobId}' not found"),
            ErrorKind.RouteNotFound => ("NOT_FOUND", $"Route {problem.Detail} not found"),
            _ => ("BAD_REQUEST", "The request is invalid"),
        };
        writer.WriteStartObject();
        writer.WriteBoolean(Success, false);
        writer.WriteStartObject(Error);
        writer.WriteString(Code, code);
        writer.WriteString(Message, message);
        if (problem.RetryAfterSeconds is { } retryAfter)
        {
            writer.WriteStartObject(Details);
            writer.WriteNumber("retryAfter", retryAfter);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
