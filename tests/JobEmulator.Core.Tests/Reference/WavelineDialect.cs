using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// Waveline's extract jobs (seed 002): <c>GET /api/v1/jobs/{id}</c> with <c>Authorization: Bearer</c>;
/// the job object <c>{id, createdAt, status, type, pages, fileName, result, urls.get}</c> with
/// <c>CREATED</c>/<c>RUNNING</c>/<c>COMPLETED</c>/<c>FAILED</c>; every error is <c>{"error": string}</c>,
/// including the documented 400 when the id is missing. See LIMITATIONS.md.
/// </summary>
internal sealed class WavelineDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Bearer];

    /// <summary>Index of <c>type</c> in <see cref="JobView.Fields"/>.</summary>
    public const int TypeField = 0;

    /// <summary>Index of <c>pages</c> in <see cref="JobView.Fields"/>.</summary>
    public const int PagesField = 1;

    /// <summary>Index of <c>file_name</c> in <see cref="JobView.Fields"/>.</summary>
    public const int FileNameField = 2;

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Pages = JsonEncodedText.Encode("pages");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("fileName");
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText Urls = JsonEncodedText.Encode("urls");
    private static readonly JsonEncodedText Get = JsonEncodedText.Encode("get");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly string[] Types = ["extract-document", "guess-shape"];

    /// <inheritdoc />
    public override string Name => "waveline";

    /// <inheritdoc />
    public override string Vendor => "Waveline";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("CREATED", "RUNNING", "COMPLETED", "FAILED");

    /// <inheritdoc />
    public override IReadOnlyList<string> PathPrefixes { get; } = ["/api/v1"];

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/api/v1/jobs/{id}", OperationKind.Status, Auth, "poll a job"),
        new("GET", "/api/v1/jobs", OperationKind.List, Auth, "list the key's jobs, newest first (?count=&offset=)")
        {
            Values = new Dictionary<string, string> { ["count"] = "count", ["offset"] = "offset", ["default_count"] = "10", ["max_count"] = "100" },
        },
        Submit(ExtractDocument, "extract a document (JSON: fileName, contentType, content or url, shape)"),
        Submit(GuessShape, "guess a document's shape (JSON: fileName, contentType, content or url)"),
    ];

    /// <summary>The largest JSON body accepted (a base64 document): 25 MB, refused while streaming past it (a JSON body is held while parsed).</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    /// <inheritdoc />
    internal override IReadOnlyList<SubmissionField> SubmissionFields { get; } =
    [
        new("type", "type", "extract-document or guess-shape (from the route)") { Source = SubmissionFieldSource.Operation, JobField = "type" },
        new("file_name", "fileName", "the document's file name") { Required = true, JobField = "file_name" },
        new("content_type", "contentType", "the document's content type"),
        new("content", "content", "the document, base64-encoded"),
        new("url", "url", "where the document can be fetched") { Pattern = "^https?://" },
        new("shape", "shape", "the JSON object describing the fields to extract") { Required = true, OnlyFor = [ExtractDocument], Pattern = @"^\s*\{" },
    ];

    /// <inheritdoc />
    internal override string? CheckSubmission(DialectOperation operation, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.Values.ContainsKey("content") || submission.Values.ContainsKey("url")
            ? null
            : "Either 'content' (the document, base64-encoded) or 'url' is required.";
    }

    /// <inheritdoc />
    internal override void WriteJobList(Utf8JsonWriter writer, IReadOnlyList<JobView> jobs, int offset, int count, int total, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        foreach (var job in jobs)
        {
            WriteJob(writer, job, request);
        }

        writer.WriteEndArray();
        writer.WriteNumber("offset", offset);
        writer.WriteNumber("count", count);
        writer.WriteNumber("total", total);
        writer.WriteEndObject();
    }

    private const string ExtractDocument = "/api/v1/extract-document";
    private const string GuessShape = "/api/v1/guess-shape";

    private static DialectOperation Submit(string route, string summary) =>
        new("POST", route, OperationKind.Submit, Auth, summary)
        {
            Body = BodyFormat.Json,
            MaxBodyBytes = MaxBodyBytes,
            Values = new Dictionary<string, string> { ["type"] = route[(route.LastIndexOf('/') + 1)..] },
        };

    /// <inheritdoc />
    internal override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("type", JobFieldKind.Text, "the job type: extract-document or guess-shape", f => JsonFragment.Text(f.Pick(Types))) { Choices = Types },
        new("pages", JobFieldKind.WholeNumber, "the number of billed pages", f => JsonFragment.Number(f.WholeNumber(1, 12))) { Minimum = 1 },
        new("file_name", JobFieldKind.Text, "the fileName of the submitted document", f => JsonFragment.Text(f.FileName("pdf"))),
    ];

    /// <inheritdoc />
    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("id");
    }

    /// <inheritdoc />
    internal override string GenerateJobId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    internal override JsonFragment GenerateResult(FakeData faker)
    {
        ArgumentNullException.ThrowIfNull(faker);
        var company = faker.CompanyName();
        var number = $"{faker.WholeNumber(10000, 99999)}";
        var total = faker.Amount(20m, 9_000m, 2);
        var email = faker.Email();
        return JsonFragment.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("company", company);
            w.WriteString("invoice_number", number);
            w.WriteNumber("total", total);
            w.WriteString("email", email);
            w.WriteEndObject();
        });
    }

    /// <inheritdoc />
    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WriteString(Id, job.Id);
        IsoTime.Write(writer, CreatedAt, job.CreatedAt);
        writer.WriteString(Status, WordOf(job));
        writer.WritePropertyName(Type);
        job.Fields[TypeField].WriteTo(writer);
        writer.WritePropertyName(Pages);
        job.Fields[PagesField].WriteTo(writer);
        writer.WritePropertyName(FileName);
        job.Fields[FileNameField].WriteTo(writer);
        writer.WritePropertyName(Result);
        (job.Status == JobStatus.Completed ? job.Result ?? JsonFragment.Null : JsonFragment.Null).WriteTo(writer);
        writer.WriteStartObject(Urls);
        WriteJobUrl(writer, request.BaseUrl, job.Id);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // "{base}/api/v1/jobs/{id}" composed on the stack: a poll allocates no URL string.
    private static void WriteJobUrl(Utf8JsonWriter writer, string baseUrl, string id)
    {
        const string Path = "/api/v1/jobs/";
        var length = baseUrl.Length + Path.Length + id.Length;
        if (length > 1024)
        {
            writer.WriteString(Get, string.Concat(baseUrl, Path, id));
            return;
        }

        Span<char> url = stackalloc char[length];
        baseUrl.CopyTo(url);
        Path.CopyTo(url[baseUrl.Length..]);
        id.CopyTo(url[(baseUrl.Length + Path.Length)..]);
        writer.WriteString(Get, url);
    }

    /// <inheritdoc />
    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(Error, problem.Kind switch
        {
            ErrorKind.MissingCredentials or ErrorKind.InvalidCredentials or ErrorKind.ExpiredCredentials => "Provided API key is not valid.",
            ErrorKind.Forbidden => "You do not have access to this job.",
            ErrorKind.JobNotFound => "No job with the provided id could be found.",
            ErrorKind.MissingJobId => "id is missing.",
            ErrorKind.RateLimited => "Too many requests. Please slow down.",
            ErrorKind.ServiceUnavailable => "Service unavailable. Please try again later.",
            ErrorKind.ServerError => "Internal Server error. Please report this to us at team@waveline.ai",
            ErrorKind.ValidationFailed => problem.Detail ?? "Bad request.",
            ErrorKind.ConcurrentJobLimit => $"Too many concurrent jobs (the limit is {problem.Detail}). Please wait for one to finish.",
            ErrorKind.Conflict => "Conflict.",
            ErrorKind.BadGateway => "Bad gateway. Please try again later.",
            ErrorKind.GatewayTimeout => "Gateway timeout. Please try again later.",
            ErrorKind.PayloadTooLarge => "The document is too large.",
            ErrorKind.TooManyJobs => "Too many jobs in progress. Please wait for some to finish.",
            ErrorKind.RouteNotFound => "Not found.",
            _ => "Bad request.",
        });
        writer.WriteEndObject();
    }
}
