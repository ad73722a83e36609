using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// Aitronos Freddy's document jobs (seed 003): <c>GET /v1/documents/jobs/{job_id}</c> with
/// <c>X-API-Key</c> (the vendor's JS sample sends <c>Authorization: Bearer</c>, also accepted);
/// a flat job object whose result fields are null until they exist, <c>error_message</c> on failure,
/// and the error envelope <c>{success:false, error:{code, message, system_message, type, status,
/// details, trace_id, timestamp}}</c>. See LIMITATIONS.md.
/// </summary>
internal sealed partial class AitronosDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Header("X-API-Key"), CredentialSource.Bearer];

    /// <summary>Index of <c>model_used</c> in <see cref="JobView.Fields"/>.</summary>
    public const int ModelField = 0;

    /// <summary>Index of <c>confidence</c> in <see cref="JobView.Fields"/>.</summary>
    public const int ConfidenceField = 1;

    /// <summary>Index of <c>cost_chf</c> in <see cref="JobView.Fields"/>.</summary>
    public const int CostField = 2;

    /// <inheritdoc />
    public override string Name => "aitronos";

    /// <inheritdoc />
    public override string Vendor => "Aitronos Freddy";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("pending", "processing", "completed", "failed");

    /// <inheritdoc />
    public override IReadOnlyList<string> PathPrefixes { get; } = ["/v1/documents/extract", "/v1/documents/jobs"];

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/v1/documents/jobs/{job_id}", OperationKind.Status, Auth, "poll a job"),
        new("POST", Extract, OperationKind.Submit, Auth, "extract a document (multipart: file, organization_id, schema, model, sync, …)")
        {
            Body = BodyFormat.Multipart,
            MaxBodyBytes = MaxUploadBytes,
        },
        new("POST", Extract + "/batch", OperationKind.BatchSubmit, Auth, "extract up to 50 documents (multipart: files[], organization_id, …)")
        {
            Body = BodyFormat.Multipart,
            MaxBodyBytes = MaxBatchBytes,
            Values = new Dictionary<string, string>
            {
                ["files"] = "files[]|files",
                ["file_field"] = "file",
                ["max_files"] = "50",
                ["max_file_bytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
            },
        },
    ];

    /// <summary>The largest document accepted: 50 MB.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>The largest batch upload accepted (50 documents, counted together while streaming): 500 MB.</summary>
    public const long MaxBatchBytes = 500L * 1024 * 1024;

    /// <summary>The requests per minute the rate-limit headers announce.</summary>
    public const int RequestsPerMinute = 60;

    private const string Extract = "/v1/documents/extract";

    /// <inheritdoc />
    internal override IReadOnlyList<SubmissionField> SubmissionFields { get; } =
    [
        new("file_name", "file", "the document: PDF, DOCX, XLSX, JPEG, PNG, GIF, BMP or TIFF")
        {
            Source = SubmissionFieldSource.FileName,
            Required = true,
            Pattern = @"\.(pdf|docx|xlsx|jpe?g|png|gif|bmp|tiff?)$",
            RefusedWith = 415,
        },
        new("content_type", "file", "the document's content type") { Source = SubmissionFieldSource.FileContentType },
        new("organization_id", "organization_id", "the organization the extraction is billed to") { Required = true },
        new("schema", "schema", "the fields to extract, as a JSON object in a string"),
        new("prompt", "prompt", "instructions for the model"),
        new("model", "model", "ftg-3.0 (default), gpt-4o or gpt-4o-mini") { Default = "ftg-3.0", Choices = ["ftg-3.0", "gpt-4o", "gpt-4o-mini"], JobField = "model_used" },
        new("vision_model", "vision_model", "the model that reads images"),
        new("sync", "sync", "true: wait for the result and answer the finished job") { Default = "false", Choices = ["true", "false"], Role = SubmissionFieldRole.Synchronous, OnlyFor = [Extract] },
        new("include_raw_text", "include_raw_text", "true: include the document's text") { Default = "false", Choices = ["true", "false"] },
    ];

    /// <inheritdoc />
    internal override string? CheckSubmission(DialectOperation operation, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!submission.Values.TryGetValue("schema", out var schema))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(schema);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "'schema' must be a JSON object";
        }
        catch (JsonException)
        {
            return "'schema' is not valid JSON";
        }
    }

    /// <inheritdoc />
    internal override bool HasResponseHeaders => true;

    /// <inheritdoc />
    internal override IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders(in ResponseFacts facts)
    {
        // A scenario's rate_limit drives the headers; without one they announce 60 a minute, counted but not enforced.
        var (limit, remaining, reset) = facts.RateLimit is { } decision
            ? (decision.Limit, decision.Remaining, decision.ResetIn)
            : (RequestsPerMinute, Math.Max(0, RequestsPerMinute - facts.RequestsThisWindow), facts.UntilWindowEnds);
        return
        [
            new("x-request-id", facts.RequestId),
            new("x-ratelimit-limit-requests", limit.ToString(CultureInfo.InvariantCulture)),
            new("x-ratelimit-remaining-requests", remaining.ToString(CultureInfo.InvariantCulture)),
            new("x-ratelimit-reset-requests", Math.Max(0, (int)Math.Ceiling(reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s"),
        ];
    }

    /// <inheritdoc />
    internal override void WriteBatchSubmitted(Utf8JsonWriter writer, string batchId, IReadOnlyList<JobView> jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteString("batch_id", batchId);
        writer.WriteStartArray("job_ids");
        foreach (var job in jobs)
        {
            writer.WriteStringValue(job.Id);
        }

        writer.WriteEndArray();
        writer.WriteNumber("total_documents", jobs.Count);
        IsoTime.Write(writer, JsonEncodedText.Encode("created_at"), now);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("model_used", JobFieldKind.Text, "the model_used reported from processing on", _ => JsonFragment.Text("gpt-4o")),
        new("confidence", JobFieldKind.Number, "the confidence reported once completed", f => JsonFragment.Number(f.Amount(0.85m, 0.99m, 2))) { Minimum = 0, Maximum = 1 },
        new("cost_chf", JobFieldKind.Number, "the cost_chf reported once completed", f => JsonFragment.Number(f.Amount(0.005m, 0.05m, 3))) { Minimum = 0 },
    ];

    /// <inheritdoc />
    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("job_id");
    }

    /// <inheritdoc />
    internal override string GenerateJobId(FakeData random) => "job_" + VendorIds.UuidHex(random);

    /// <inheritdoc />
    internal override JsonFragment GenerateResult(FakeData faker)
    {
        ArgumentNullException.ThrowIfNull(faker);
        var invoiceNumber = FakeInvoice.Number(faker);
        var date = FakeInvoice.Date(faker);
        var vendor = faker.CompanyName();
        var items = Enumerable.Range(0, faker.WholeNumber(1, 3))
            .Select(_ => (Description: faker.ProductName(), Quantity: faker.WholeNumber(1, 20), Price: faker.Amount(5m, 500m, 2)))
            .ToList();
        var total = items.Sum(i => i.Quantity * i.Price);
        return JsonFragment.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("invoice_number", invoiceNumber);
            w.WriteString("date", date);
            w.WriteNumber("total_amount", total);
            w.WriteString("vendor_name", vendor);
            w.WriteStartArray("line_items");
            foreach (var item in items)
            {
                w.WriteStartObject();
                w.WriteString("description", item.Description);
                w.WriteNumber("quantity", item.Quantity);
                w.WriteNumber("price", item.Price);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
