using System.Globalization;
using System.Text;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Templates;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// The few things a definition cannot say as a template, as named functions it calls: results whose parts depend on
/// each other (an invoice's total is the sum of its lines) or on the job (DeepAffects' shape per API). Each draws from
/// the seeded <c>fake</c> source in a fixed order, so it replays.
/// </summary>
internal static class BuiltinFunctions
{
    /// <summary>Adds the named functions a result may call.</summary>
    public static TemplateScope<BodyContext> ResultFunctions(this TemplateScope<BodyContext> scope) => scope
        .Function("invoice_with_line_items", new(0, 0, (c, _) => TemplateValue.Json(InvoiceWithLineItems(c.Faker!)),
            "invoice_with_line_items(): {invoice_number, date, total_amount, vendor_name, line_items: [{description, quantity, price}]}, the total the sum of the lines"))
        .Function("deepaffects_result", new(2, 2, (c, a) => TemplateValue.Json(DeepAffectsResult(c.Faker!, Raw(a[0]), Raw(a[1]))),
            "deepaffects_result(api, summary_type): emotion or speaker segments, a summary, or transcript words, by the API's name"));

    /// <summary>Adds the named functions a new token may call: <c>jwt_hs256(issuer)</c>.</summary>
    public static TemplateScope<BodyContext> TokenFunctions(this TemplateScope<BodyContext> scope) => scope
        .Function("jwt_hs256", new(1, 1, (c, a) => TemplateValue.Text(Jwt(c.Faker!, c.Token!, a[0].ToText(), c.Now, c.Now + c.TokenLifetime)),
            "jwt_hs256('https://issuer'): a JWT (HS256) for token.subject, issued now, expiring with the token, with a drawn jti and key"));

    /// <summary>Answers a definition's read operations (<c>reads:</c>): a problem (a 400 follows) having written nothing, or null having written the body.</summary>
    public delegate string? ReadHandler(System.Text.Json.Utf8JsonWriter writer, Dialects.Operations.DialectOperation operation, in ReadView view, IEmulatorRequest request);

    /// <summary>The built-ins a definition's <c>reads:</c> may name.</summary>
    public static IReadOnlyDictionary<string, ReadHandler> ReadHandlers { get; } = new Dictionary<string, ReadHandler>(StringComparer.Ordinal)
    {
        // Symbl's Conversation API: the conversation and its insights, generated from the read's seed or scripted by the job's 'conversation' field.
        ["symbl_conversations"] = static (System.Text.Json.Utf8JsonWriter writer, Dialects.Operations.DialectOperation operation, in ReadView view, IEmulatorRequest request) =>
        {
            var names = view.Job.Fields;
            var name = names.Count > 1 && names[1].Utf8[0] == (byte)'"' ? names[1].ToElement().GetString() : null;
            return Dialects.Symbl.SymblConversations.Write(writer, operation, view, request, name);
        },
    };

    // A JWT as Symbl issues them: HS256, {sub, iss, iat, exp, jti}; the jti and then the key drawn from the seed.
    private static string Jwt(FakeData random, string subject, string issuer, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        // Serialized as System.Text.Json does by default (its default encoder), as the tokens always were.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("sub", subject);
            w.WriteString("iss", issuer);
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteString("jti", VendorIds.Uuid(random));
            w.WriteEndObject();
        }

        var payload = Base64Url(buffer.WrittenSpan);
        var key = random.Bytes(32);
        var signature = Base64Url(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The value as the C# dialects read a field: a JSON fragment's own text, quotes and all.
    private static string Raw(TemplateValue value) =>
        value.Kind == TemplateValueKind.Json ? Encoding.UTF8.GetString(value.AsFragment.Utf8) : value.ToText();

    private static JsonFragment InvoiceWithLineItems(FakeData faker)
    {
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

    private static JsonFragment DeepAffectsResult(FakeData faker, string api, string summaryType) =>
        Dialects.DeepAffects.DeepAffectsResults.For(api, summaryType.Trim('"'), faker) ?? Transcript(faker);

    private static JsonFragment Transcript(FakeData faker)
    {
        var speakers = faker.WholeNumber(1, 3);
        var words = faker.Words(faker.WholeNumber(4, 12));
        var confidence = faker.Amount(0.85m, 0.99m, 2);
        var timeline = new List<(string Word, decimal Start, decimal End, string Speaker)>(words.Length);
        var clock = 0m;
        foreach (var word in words)
        {
            var start = clock;
            clock += faker.Amount(0.2m, 0.9m, 1);
            timeline.Add((word, start, clock, faker.WholeNumber(1, speakers).ToString(CultureInfo.InvariantCulture)));
        }

        return JsonFragment.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("confidence", confidence);
            w.WriteNumber("num_speakers", speakers);
            w.WriteString("transcript", string.Join(' ', words));
            w.WriteStartArray("words");
            foreach (var (word, start, end, speaker) in timeline)
            {
                w.WriteStartObject();
                w.WriteNumber("confidence", confidence);
                w.WriteNumber("end", end);
                w.WriteString("speaker_id", speaker);
                w.WriteNumber("start", start);
                w.WriteString("word", word);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
