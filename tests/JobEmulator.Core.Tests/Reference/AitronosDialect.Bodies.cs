using System.Text.Json;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>Aitronos' wire bodies, field for field as seed 003 prints them.</summary>
internal sealed partial class AitronosDialect
{
    private static readonly JsonEncodedText Success = JsonEncodedText.Encode("success");
    private static readonly JsonEncodedText JobId = JsonEncodedText.Encode("job_id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ExtractedData = JsonEncodedText.Encode("extracted_data");
    private static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText ProcessingTime = JsonEncodedText.Encode("processing_time");
    private static readonly JsonEncodedText CostChf = JsonEncodedText.Encode("cost_chf");
    private static readonly JsonEncodedText ModelUsed = JsonEncodedText.Encode("model_used");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("error_message");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText CompletedAt = JsonEncodedText.Encode("completed_at");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText SystemMessage = JsonEncodedText.Encode("system_message");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");

    /// <inheritdoc />
    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var completed = job.Status == JobStatus.Completed;
        var failed = job.Status == JobStatus.Failed;
        writer.WriteStartObject();
        writer.WriteBoolean(Success, true);
        writer.WriteString(JobId, job.Id);
        writer.WriteString(Status, WordOf(job));
        writer.WritePropertyName(ExtractedData);
        (completed ? job.Result ?? JsonFragment.Null : JsonFragment.Null).WriteTo(writer);
        writer.WritePropertyName(Confidence);
        (completed ? job.Fields[ConfidenceField] : JsonFragment.Null).WriteTo(writer);
        if (job.FinishedAt is { } finished)
        {
            // Seconds from creation to the end, as the documents' 2.3 s between :00 and :02 imply.
            writer.WriteNumber(ProcessingTime, Math.Round((decimal)(finished - job.CreatedAt).TotalSeconds, 1));
        }
        else
        {
            writer.WriteNull(ProcessingTime);
        }

        writer.WritePropertyName(CostChf);
        if (completed)
        {
            job.Fields[CostField].WriteTo(writer);
        }
        else if (failed)
        {
            writer.WriteNumberValue(0.0m);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName(ModelUsed);
        (job.Status is JobStatus.Running or JobStatus.Completed ? job.Fields[ModelField] : JsonFragment.Null).WriteTo(writer);
        if (failed)
        {
            writer.WriteString(ErrorMessage, job.Error?.Message ?? "Document processing failed");
        }

        IsoTime.Write(writer, CreatedAt, job.CreatedAt);
        IsoTime.WriteOrNull(writer, CompletedAt, job.FinishedAt);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (code, message, systemMessage, type) = problem.Kind switch
        {
            ErrorKind.MissingCredentials or ErrorKind.InvalidCredentials => ("UNAUTHORIZED", "Authentication required. Please provide a valid API key.", "Missing or invalid authorization header", "authentication_error"),
            ErrorKind.ExpiredCredentials => ("API_KEY_EXPIRED", "Your API key has expired. Please create a new one.", "API key expired", "authentication_error"),
            ErrorKind.Forbidden => ("FORBIDDEN", "You do not have permission to access this job.", $"API key has no access to job: {problem.JobId}", "permission_error"),
            ErrorKind.JobNotFound => ("JOB_NOT_FOUND", "The requested job was not found.", $"Job ID does not exist: {problem.JobId}", "not_found_error"),
            ErrorKind.MissingJobId => ("VALIDATION_ERROR", "The request is invalid.", "Missing path parameter: job_id", "validation_error"),
            ErrorKind.RateLimited => ("RATE_LIMIT_EXCEEDED", "Too many requests. Please slow down and retry later.", "Rate limit exceeded", "rate_limit_error"),
            ErrorKind.ServiceUnavailable => ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please retry later.", "Service unavailable", "server_error"),
            ErrorKind.ServerError => ("INTERNAL_ERROR", "An internal error occurred. Please try again later.", "Internal server error", "server_error"),
            ErrorKind.ConcurrentJobLimit => ("RATE_LIMIT_EXCEEDED", "Too many concurrent jobs. Please wait for one to finish.", $"Concurrent job limit reached: {problem.Detail}", "rate_limit_error"),
            ErrorKind.Conflict => ("CONFLICT", "The request conflicts with the current state of the resource.", "Conflict", "conflict_error"),
            ErrorKind.BadGateway => ("BAD_GATEWAY", "An upstream service failed. Please try again later.", "Bad gateway", "server_error"),
            ErrorKind.GatewayTimeout => ("GATEWAY_TIMEOUT", "An upstream service timed out. Please try again later.", "Gateway timeout", "server_error"),
            ErrorKind.ValidationFailed => ("VALIDATION_ERROR", "The request is invalid.", problem.Detail ?? "Bad request", "validation_error"),
            ErrorKind.PayloadTooLarge => ("FILE_TOO_LARGE", "The file is too large. The maximum size is 50 MB.", problem.Detail ?? "Request body too large", "validation_error"),
            ErrorKind.UnsupportedMediaType => ("UNSUPPORTED_FILE_TYPE", "This file type is not supported. Use PDF, DOCX, XLSX, JPEG, PNG, GIF, BMP or TIFF.", problem.Detail ?? "Unsupported file type", "validation_error"),
            ErrorKind.TooManyJobs => ("RATE_LIMIT_EXCEEDED", "Too many jobs in progress. Please retry later.", "Job limit reached", "rate_limit_error"),
            ErrorKind.RouteNotFound => ("NOT_FOUND", "The requested resource was not found.", problem.Detail is null ? "Route not found" : $"No route for {problem.Detail}", "not_found_error"),
            _ => ("BAD_REQUEST", "The request is invalid.", "Bad request", "invalid_request_error"),
        };
        writer.WriteStartObject();
        writer.WriteBoolean(Success, false);
        writer.WriteStartObject(Error);
        writer.WriteString(Code, code);
        writer.WriteString(Message, message);
        writer.WriteString(SystemMessage, systemMessage);
        writer.WriteString(Type, type);
        writer.WriteNumber(Status, problem.StatusCode);
        if (problem.Kind is ErrorKind.JobNotFound or ErrorKind.Forbidden && problem.JobId is not null)
        {
            writer.WriteStartObject(Details);
            writer.WriteString(JobId, problem.JobId);
            writer.WriteEndObject();
        }
        else if (problem.RetryAfterSeconds is { } retryAfter)
        {
            writer.WriteStartObject(Details);
            writer.WriteNumber("retry_after", retryAfter);
            writer.WriteEndObject();
        }

        writer.WriteString(TraceId, problem.TraceId);
        IsoTime.Write(writer, Timestamp, problem.Now);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
