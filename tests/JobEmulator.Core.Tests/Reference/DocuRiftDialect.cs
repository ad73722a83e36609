using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// DocuRift's jobs API (seed 004 and its public docs): <c>POST /v1/documents/process/async</c> (multipart, up to
/// 50 MB) creates a job, <c>GET /v1/jobs/:id</c> polls it, with <c>X-API-Key</c> or
/// <c>Authorization: Bearer</c>; <c>{"success":true,"data":{…}}</c> bodies with <c>progress</c>,
/// <c>completedAt</c>/<c>failedAt</c>; errors <c>{"success":false,"error":{code,message}}</c>;
/// jobs retained 30 days after they finish. See LIMITATIONS.md for what the document leaves open.
/// </summary>
internal sealed partial class DocuRiftDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Header("X-API-Key"), CredentialSource.Bearer, CredentialSource.BareAuthorization];

    /// <summary>Index of <c>document_type</c> in <see cref="JobView.Fields"/>.</summary>
    public const int DocumentTypeField = 0;

    /// <summary>Index of <c>document_id</c> in <see cref="JobView.Fields"/>.</summary>
    public const int DocumentIdField = 1;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string[] DocumentTypes = ["invoice", "receipt", "bank_statement", "purchase_order", "contract"];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "CHF"];

    /// <inheritdoc />
    public override string Name => "docurift";

    /// <inheritdoc />
    public override string Vendor => "DocuRift";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("pending", "processing", "completed", "failed");

    /// <inheritdoc />
    public override IReadOnlyList<string> PathPrefixes { get; } = ["/v1/jobs", "/v1/webhooks", "/v1/documents/process"];

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/v1/jobs/{id}", OperationKind.Status, Auth, "poll a job"),
        new("POST", "/v1/documents/process/async", OperationKind.Submit, Auth, "submit a document (multipart)")
        {
            Body = BodyFormat.Multipart,
            MaxBodyBytes = MaxUploadBytes,
            SuccessStatus = 202,
        },
        new("POST", "/v1/webhooks", OperationKind.WebhookCreate, Auth, "register a webhook endpoint (JSON: url, events, active)")
        {
            Body = BodyFormat.Json,
            SuccessStatus = 201,
        },
        new("GET", "/v1/webhooks", OperationKind.WebhookList, Auth, "list webhook endpoints"),
        new("DELETE", "/v1/webhooks/{id}", OperationKind.WebhookDelete, Auth, "remove a webhook endpoint"),
    ];

    /// <summary>Creates the dialect.</summary>
    public DocuRiftDialect() => Webhooks = new DocuRiftWebhooks(this);

    /// <inheritdoc />
    internal override WebhookFormat Webhooks { get; }

    /// <summary>The largest upload DocuRift accepts: 50 MB.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    /// <inheritdoc />
    internal override IReadOnlyList<SubmissionField> SubmissionFields { get; } =
    [
        new("file_name", "file", "the uploaded document") { Source = SubmissionFieldSource.FileName, Required = true },
        new("content_type", "file", "the uploaded document's content type") { Source = SubmissionFieldSource.FileContentType },
        new("document_type", "documentType", "the kind of document (invoice, receipt, …)") { JobField = "document_type", Default = "generic" },
        new("priority", "priority", "normal or high") { Default = "normal", Choices = ["normal", "high"] },
        new("language", "language", "the document's language") { Default = "en" },
        new("extract_tables", "extractTables", "whether tables are extracted") { Default = "true", Choices = ["true", "false"] },
        new("webhook_url", "webhookUrl", "where this job's events are sent") { Role = SubmissionFieldRole.WebhookUrl },
        new("webhook_secret", "webhookSecret", "the secret this job's events are signed with") { Role = SubmissionFieldRole.WebhookSecret },
        new("callback_metadata", "callbackMetadata", "text handed back in this job's events") { Role = SubmissionFieldRole.CallbackMetadata },
    ];

    /// <inheritdoc />
    internal override TimeSpan? DefaultRetention => TimeSpan.FromDays(30);

    /// <inheritdoc />
    internal override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("document_type", JobFieldKind.Text, "the data.documentType of the job (invoice, receipt, …)", f => JsonFragment.Text(f.Pick(DocumentTypes))),
        new("document_id", JobFieldKind.Text, "the data.documentId reported once completed (doc_…)", f => JsonFragment.Text("doc_" + f.Text(12, IdAlphabet))),
    ];

    /// <inheritdoc />
    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("id");
    }

    /// <inheritdoc />
    internal override string GenerateJobId(FakeData random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return "job_" + random.Text(12, IdAlphabet);
    }

    /// <inheritdoc />
    internal override JsonFragment GenerateResult(FakeData faker)
    {
        ArgumentNullException.ThrowIfNull(faker);
        var invoiceNumber = FakeInvoice.Number(faker);
        var amount = faker.Amount(50m, 25_000m, 2);
        var currency = faker.Pick(Currencies);
        var vendor = faker.CompanyName();
        var date = FakeInvoice.Date(faker);
        var confidence = faker.Amount(0.80m, 0.99m, 2);
        return JsonFragment.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("extractedFields");
            w.WriteString("invoiceNumber", invoiceNumber);
            w.WriteNumber("amount", amount);
            w.WriteString("currency", currency);
            w.WriteString("vendor", vendor);
            w.WriteString("date", date);
            w.WriteEndObject();
            w.WriteNumber("confidence", confidence);
            w.WriteEndObject();
        });
    }
}
