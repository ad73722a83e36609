using Bogus;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Dialects.DocuRift;

/// <summary>
/// DocuRift's jobs API (seed 004): <c>GET /v1/jobs/:id</c> with <c>X-API-Key</c> or
/// <c>Authorization: Bearer</c>; <c>{"success":true,"data":{…}}</c> bodies with <c>progress</c>,
/// <c>completedAt</c>/<c>failedAt</c>; errors <c>{"success":false,"error":{code,message}}</c>;
/// jobs retained 30 days after they finish. See LIMITATIONS.md for what the document leaves open.
/// </summary>
public sealed partial class DocuRiftDialect : Dialect
{
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
    public override IReadOnlyList<string> StatusRoutes { get; } = ["/v1/jobs/{id}"];

    /// <inheritdoc />
    public override string AuthDescription => "X-API-Key: <key> or Authorization: Bearer <key>";

    /// <inheritdoc />
    public override TimeSpan? DefaultRetention => TimeSpan.FromDays(30);

    /// <inheritdoc />
    public override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("document_type", JobFieldKind.Text, "the data.documentType of the job (invoice, receipt, …)", f => JsonFragment.Text(f.PickRandom(DocumentTypes))),
        new("document_id", JobFieldKind.Text, "the data.documentId reported once completed (doc_…)", f => JsonFragment.Text("doc_" + f.Random.String2(12, IdAlphabet))),
    ];

    /// <inheritdoc />
    public override string? ReadCredential(IEmulatorRequest request) =>
        Credentials.Header(request, "X-API-Key") ?? Credentials.Bearer(request) ?? BareAuthorizationKey(request);

    // "Authorization: Bearer token or API key": a bare key in Authorization is accepted too.
    private static string? BareAuthorizationKey(IEmulatorRequest request)
    {
        var value = Credentials.Header(request, "Authorization");
        return value is null || value.Contains(' ', StringComparison.Ordinal) ? null : value;
    }

    /// <inheritdoc />
    public override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("id");
    }

    /// <inheritdoc />
    public override string GenerateJobId(Randomizer random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return "job_" + random.String2(12, IdAlphabet);
    }

    /// <inheritdoc />
    public override JsonFragment GenerateResult(Faker faker)
    {
        ArgumentNullException.ThrowIfNull(faker);
        var invoiceNumber = FakeInvoice.Number(faker);
        var amount = Math.Round(faker.Random.Decimal(50m, 25_000m), 2);
        var currency = faker.PickRandom(Currencies);
        var vendor = faker.Company.CompanyName();
        var date = FakeInvoice.Date(faker);
        var confidence = Math.Round(faker.Random.Decimal(0.80m, 0.99m), 2);
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
