using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Dialects.Aitronos;

/// <summary>
/// Aitronos Freddy's document jobs (seed 003): <c>GET /v1/documents/jobs/{job_id}</c> with
/// <c>X-API-Key</c> (the vendor's JS sample sends <c>Authorization: Bearer</c>, also accepted);
/// a flat job object whose result fields are null until they exist, <c>error_message</c> on failure,
/// and the error envelope <c>{success:false, error:{code, message, system_message, type, status,
/// details, trace_id, timestamp}}</c>. See LIMITATIONS.md.
/// </summary>
public sealed partial class AitronosDialect : Dialect
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
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/v1/documents/jobs/{job_id}", OperationKind.Status, Auth, "poll a job"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("model_used", JobFieldKind.Text, "the model_used reported from processing on", _ => JsonFragment.Text("gpt-4o")),
        new("confidence", JobFieldKind.Number, "the confidence reported once completed", f => JsonFragment.Number(f.Amount(0.85m, 0.99m, 2))) { Minimum = 0, Maximum = 1 },
        new("cost_chf", JobFieldKind.Number, "the cost_chf reported once completed", f => JsonFragment.Number(f.Amount(0.005m, 0.05m, 3))) { Minimum = 0 },
    ];

    /// <inheritdoc />
    public override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("job_id");
    }

    /// <inheritdoc />
    public override string GenerateJobId(FakeData random) => "job_" + VendorIds.UuidHex(random);

    /// <inheritdoc />
    public override JsonFragment GenerateResult(FakeData faker)
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
