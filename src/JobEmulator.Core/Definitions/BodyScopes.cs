using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Templates;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// The names each kind of body in a dialect definition may use. A poll's body reads the job and the request; an
/// error's reads the error; a result, a job field's default or a new id draws from <c>fake.*</c>, seeded so it
/// replays. The reference (docs) lists them from here.
/// </summary>
internal static class BodyScopes
{
    /// <summary>The job as a poll shows it: <c>job.*</c>.</summary>
    public static TemplateScope<BodyContext> Job(this TemplateScope<BodyContext> scope, IReadOnlyList<string> fields) => scope
        .Name("job.id", c => TemplateValue.Text(c.Job.Id))
        .Name("job.status", c => TemplateValue.Text(BodyContext.StatusNames[(int)c.Job.Status]))
        .Name("job.status_word", c => TemplateValue.Text(c.Dialect.WordTextOf(c.Job)))
        .Name("job.progress", c => TemplateValue.Number(c.Job.Progress))
        .Name("job.created_at", c => TemplateValue.Time(c.Job.CreatedAt))
        .Name("job.updated_at", c => TemplateValue.Time(c.Job.UpdatedAt))
        .Name("job.started_at", c => TemplateValue.Time(c.Job.StartedAt))
        .Name("job.finished_at", c => TemplateValue.Time(c.Job.FinishedAt))
        .Name("job.result", c => TemplateValue.Json(c.Job.Result))
        .Name("job.error.code", c => TemplateValue.Text(c.Job.Error?.Code))
        .Name("job.error.message", c => TemplateValue.Text(c.Job.Error?.Message))
        .Name("job.error.details", c => TemplateValue.Json(c.Job.Error?.Details))
        .Name("job.metadata", c => TemplateValue.Text(c.Metadata))
        .Fields("job.fields.", fields, c => c.Job.Fields);

    /// <summary>The request being answered: <c>request.*</c>.</summary>
    public static TemplateScope<BodyContext> Request(this TemplateScope<BodyContext> scope) => scope
        .Name("request.base_url", c => TemplateValue.Text(c.Request?.BaseUrl))
        .Name("request.method", c => TemplateValue.Text(c.Request?.Method))
        .Name("request.path", c => TemplateValue.Text(c.Request?.Path))
        .Family("request.query.", name => c => TemplateValue.Text(c.Request?.GetQuery(name)), "write request.query.<parameter>")
        .Family("request.header.", name => c => TemplateValue.Text(c.Request?.GetHeader(name)), "write request.header.<name>")
        .Family("request.route.", name => c => TemplateValue.Text(c.Request?.GetRouteValue(name)), "write request.route.<value>");

    /// <summary>The error being answered: <c>error.*</c>, with the values the definition's error table gives each kind.</summary>
    public static TemplateScope<BodyContext> Error(this TemplateScope<BodyContext> scope) => scope
        .Name("error.kind", c => TemplateValue.Text(ErrorKinds.NameOf(c.Error.Kind)))
        .Name("error.status", c => TemplateValue.Number(c.Error.StatusCode))
        .Name("error.job_id", c => TemplateValue.Text(c.Error.JobId))
        .Name("error.retry_after", c => c.Error.RetryAfterSeconds is { } s ? TemplateValue.Number(s) : TemplateValue.Null)
        .Name("error.detail", c => TemplateValue.Text(c.Error.Detail))
        .Name("error.trace_id", c => TemplateValue.Text(c.Error.TraceId))
        .Name("error.now", c => TemplateValue.Time(c.Error.Now));

    /// <summary>Seeded draws: <c>fake.*</c>. Each use draws once, in the order the body is written.</summary>
    public static TemplateScope<BodyContext> Fakes(this TemplateScope<BodyContext> scope) => scope
        .Name("fake.company", c => TemplateValue.Text(c.Faker!.CompanyName()))
        .Name("fake.product", c => TemplateValue.Text(c.Faker!.ProductName()))
        .Name("fake.person", c => TemplateValue.Text(c.Faker!.PersonName()))
        .Name("fake.email", c => TemplateValue.Text(c.Faker!.Email()))
        .Name("fake.uuid", c => TemplateValue.Text(VendorIds.Uuid(c.Faker!)))
        .Name("fake.uuid_hex", c => TemplateValue.Text(VendorIds.UuidHex(c.Faker!)))
        .Name("fake.invoice_number", c => TemplateValue.Text(FakeInvoice.Number(c.Faker!)))
        .Name("fake.invoice_date", c => TemplateValue.Text(FakeInvoice.Date(c.Faker!)))
        .Function("fake.int", new(2, 2, (c, a) => TemplateValue.Number(c.Faker!.WholeNumber(Whole(a[0]), Whole(a[1]))), "fake.int(min, max): a whole number, both ends included"))
        .Function("fake.amount", new(3, 3, (c, a) => TemplateValue.Number(c.Faker!.Amount(a[0].AsNumber, a[1].AsNumber, Whole(a[2]))), "fake.amount(min, max, decimals): a decimal with that many places"))
        .Function("fake.pick", new(1, 64, (c, a) => a[c.Faker!.WholeNumber(0, a.Length - 1)], "fake.pick('a', 'b', …): one of the values (one draw, as FakeData.Pick)"))
        .Function("fake.text", new(2, 2, (c, a) => TemplateValue.Text(c.Faker!.Text(Whole(a[0]), a[1].ToText())), "fake.text(length, 'alphabet'): that many characters of the alphabet"))
        .Function("fake.digits", new(1, 1, (c, a) => TemplateValue.Text(c.Faker!.Text(Whole(a[0]), "0123456789")), "fake.digits(length): that many decimal digits, as text"))
        .Function("fake.words", new(1, 1, (c, a) => TemplateValue.Text(string.Join(' ', c.Faker!.Words(Whole(a[0])))), "fake.words(count): lorem-ipsum words separated by spaces"))
        .Function("fake.file_name", new(1, 1, (c, a) => TemplateValue.Text(c.Faker!.FileName(a[0].ToText())), "fake.file_name('pdf'): a file name with that extension"));

    private static TemplateScope<BodyContext> Fields(this TemplateScope<BodyContext> scope, string prefix, IReadOnlyList<string> fields, Func<BodyContext, IReadOnlyList<JsonFragment>> read) =>
        scope.Family(prefix, name =>
        {
            var index = fields.IndexOf(name);
            return index < 0 ? null : c => read(c) is { } values && index < values.Count ? TemplateValue.Json(values[index]) : TemplateValue.Null;
        }, fields.Count == 0 ? "this dialect has no job fields (under 'job_fields:')" : $"the job fields are: {string.Join(", ", fields)}");

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], item, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Whole(TemplateValue value) => (int)Math.Clamp(value.AsNumber, int.MinValue, int.MaxValue);
}
