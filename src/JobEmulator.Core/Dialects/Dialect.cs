using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// One vendor's job-status API, reproduced field for field: how it authenticates, where the job id
/// travels, its status words, its job and error bodies. A dialect is stateless; the engine supplies
/// the job as a <see cref="JobView"/> and the dialect only reads requests and writes JSON.
/// </summary>
public abstract class Dialect
{
    /// <summary>Dialects are definition files (<see cref="Definitions.DefinedDialect"/>), not subclasses.</summary>
    internal Dialect()
    {
    }

    /// <summary>The name scenarios use in <c>dialect:</c> (<c>docurift</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The vendor's display name (<c>DocuRift</c>).</summary>
    public abstract string Vendor { get; }

    /// <summary>The status words of the vendor's documents.</summary>
    public abstract StatusWords StatusWords { get; }

    /// <summary>
    /// The vendor's routes, as data: method, template, kind and where the credential travels. Every host
    /// serves exactly these; a status template without an id answers "missing id".
    /// </summary>
    public abstract IReadOnlyList<DialectOperation> Operations { get; }

    /// <summary>Vendor-specific job fields scenarios may set; others are drawn from the seed.</summary>
    internal virtual IReadOnlyList<JobField> JobFields => [];

    /// <summary>The keys a job of this dialect may set in a scenario (<c>jobs[]</c>, <c>submitted_jobs[]</c>), each with what it sets.</summary>
    public IReadOnlyList<(string Key, string Description)> JobKeys => [.. JobFields.Select(job => (job.Key, job.Description))];

    /// <summary>The fields a scenario's <c>when:</c> may match a submission on (besides <c>nth</c>), each with what it is and its allowed values, if any.</summary>
    public IReadOnlyList<(string Key, string Description, IReadOnlyList<string>? Choices)> WhenKeys =>
        [.. SubmissionFields.Select(when => (when.Key, when.Description, when.Choices))];

    /// <summary>The webhook events this dialect sends, in its own words; none when it sends no webhooks.</summary>
    public IReadOnlyList<string> WebhookEvents => Webhooks?.EventTypes ?? [];

    /// <summary>
    /// Path prefixes only this vendor's API uses (a <c>{name}</c> segment matches any one segment), such as
    /// <c>/v1/conversations/</c>: a request under one that no operation takes answers 404 in this dialect's error
    /// envelope (<see cref="ErrorKind.RouteNotFound"/>), as the vendor would, instead of the emulator's own 404.
    /// </summary>
    public virtual IReadOnlyList<string> PathPrefixes => [];

    /// <summary>False when the vendor's status body carries no result (Symbl): none is generated, and a scripted one is not shown.</summary>
    internal virtual bool HasResult => true;

    /// <summary>How long the vendor keeps terminal jobs before answering 404; null: forever.</summary>
    internal virtual TimeSpan? DefaultRetention => null;

    /// <summary>The job id the request names, or null when it names none.</summary>
    internal abstract string? ReadJobId(IEmulatorRequest request);

    /// <summary>A new id in the vendor's format, drawn from <paramref name="random"/>.</summary>
    internal abstract string GenerateJobId(FakeData random);

    /// <summary>An access token in the vendor's shape, for dialects with a token operation (Symbl issues JWTs).</summary>
    internal virtual string GenerateToken(FakeData random, string subject, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Text(40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    }

    /// <summary>How long an issued token is valid, for dialects with a token operation.</summary>
    internal virtual TimeSpan TokenLifetime => TimeSpan.FromDays(1);

    /// <summary>Reads the application credentials of a token request; false (with <paramref name="problem"/>) when they are missing.</summary>
    internal virtual bool TryReadAppCredentials(RequestBody body, out string appId, out string appSecret, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(body);
        appId = body.Fields.GetValueOrDefault("appId") ?? string.Empty;
        appSecret = body.Fields.GetValueOrDefault("appSecret") ?? string.Empty;
        problem = appId.Length == 0 || appSecret.Length == 0 ? "'appId' and 'appSecret' are required" : null;
        return problem is null;
    }

    /// <summary>Writes the answer of a token request.</summary>
    internal virtual void WriteToken(Utf8JsonWriter writer, string token, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("accessToken", token);
        writer.WriteNumber("expiresIn", (long)lifetime.TotalSeconds);
        writer.WriteEndObject();
    }

    /// <summary>A result in the vendor's shape, drawn from <paramref name="faker"/>; only called when <see cref="HasResult"/>.</summary>
    internal virtual JsonFragment GenerateResult(FakeData faker) => JsonFragment.Null;

    /// <summary>
    /// A result in the vendor's shape for a job with these <paramref name="fields"/> (in <see cref="JobFields"/> order),
    /// for vendors whose result depends on the job (DeepAffects: one shape per API); by default <see cref="GenerateResult(FakeData)"/>.
    /// </summary>
    internal virtual JsonFragment GenerateResult(FakeData faker, IReadOnlyList<JsonFragment> fields) => GenerateResult(faker);

    /// <summary>Completes a scenario's <c>error.details</c> with fields the vendor always sends (DocuRift's <c>retryable</c>).</summary>
    internal virtual JsonFragment CompleteErrorDetails(JsonFragment scripted) => scripted;

    /// <summary>Writes the 200 body of a status poll; <paramref name="request"/> is there for self links (Waveline's <c>urls.get</c>).</summary>
    internal abstract void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request);

    /// <summary>The documented fields of the vendor's submit operation: what a submission may carry and a scenario's <c>when:</c> may match.</summary>
    internal virtual IReadOnlyList<SubmissionField> SubmissionFields => [];

    /// <summary>True when every response carries headers of the dialect's own (<see cref="ResponseHeaders"/>).</summary>
    internal virtual bool HasResponseHeaders => false;

    /// <summary>The headers every response carries, from <paramref name="facts"/>; only asked when <see cref="HasResponseHeaders"/>.</summary>
    internal virtual IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders(in ResponseFacts facts) => [];

    /// <summary>A batch's id in the vendor's shape, for dialects with a batch submit operation.</summary>
    internal virtual string GenerateBatchId(FakeData random) => "batch_" + VendorIds.UuidHex(random);

    /// <summary>Writes the answer to a batch submission: its id and the jobs it created, in file order.</summary>
    internal virtual void WriteBatchSubmitted(Utf8JsonWriter writer, string batchId, IReadOnlyList<JobView> jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        writer.WriteStartObject();
        writer.WriteString("batch_id", batchId);
        writer.WriteStartArray("job_ids");
        foreach (var job in jobs)
        {
            writer.WriteStringValue(job.Id);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Rules across a submission's fields that one field cannot state (Waveline: a document's content or its URL); null when it may go ahead, else what is wrong.</summary>
    internal virtual string? CheckSubmission(DialectOperation operation, Submission submission) => null;

    /// <summary>Writes one page of <see cref="OperationKind.List"/>: the jobs (newest first), where the page starts, its size and how many there are in all.</summary>
    internal virtual void WriteJobList(Utf8JsonWriter writer, IReadOnlyList<JobView> jobs, int offset, int count, int total, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        writer.WriteStartArray();
        foreach (var job in jobs)
        {
            WriteJob(writer, job, request);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the body of a successful submission; by default the job as a status poll shows it.</summary>
    internal virtual void WriteSubmitted(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) => WriteJob(writer, job, request);

    /// <summary>Where the dialect is defined: its definition file (<c>docurift.yaml (built in)</c> for the built-in ones); null for one written in code.</summary>
    public virtual string? DefinitionSource => null;

    /// <summary>True for the five dialects embedded in this assembly, which are always served and cannot be unloaded.</summary>
    public bool IsBuiltIn { get; internal set; }

    /// <summary>How the vendor delivers its webhooks when a scenario does not say (its time-out, retries, whether a 4xx stops them); null: <see cref="Dialects.WebhookPolicy.Default"/>.</summary>
    internal virtual Dialects.WebhookPolicy? WebhookDefaults => null;

    /// <summary>The status an error of <paramref name="kind"/> answers with, where the emulator would send <paramref name="status"/> (a vendor's 422 for validation).</summary>
    internal virtual int StatusFor(ErrorKind kind, int status) => status;

    /// <summary>The steps a cancelled job takes: the cancelling step, if the vendor has one, then the terminal cancelled step; null when the dialect cannot cancel.</summary>
    internal virtual IReadOnlyList<Lifecycle.LifecycleStep>? CancelSteps => null;

    /// <summary>Writes the answer to a cancel; by default the job as a status poll shows it.</summary>
    internal virtual void WriteCancelled(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) => WriteJob(writer, job, request);

    /// <summary>How the vendor announces jobs by webhook; null when it does not (or this version does not emulate it).</summary>
    internal virtual WebhookFormat? Webhooks => null;

    /// <summary>
    /// Answers a <see cref="OperationKind.Read"/> operation: either returns what is wrong with the request (a 400 in the
    /// vendor's envelope follows) having written nothing, or writes the body and returns null. Only called for dialects with such operations.
    /// </summary>
    internal virtual string? WriteRead(Utf8JsonWriter writer, DialectOperation operation, in ReadView view, IEmulatorRequest request) =>
        throw new NotSupportedException($"The {Name} dialect declares a read operation ({operation}) but does not write its answer.");

    /// <summary>
    /// Writes this vendor's 404 for a request to <paramref name="path"/>, under one of its <see cref="PathPrefixes"/>, that
    /// none of its operations takes: its error envelope, stamped <paramref name="now"/> and <paramref name="traceId"/>
    /// where the vendor's envelope carries them.
    /// </summary>
    public void WriteRouteNotFound(Utf8JsonWriter writer, string path, DateTimeOffset now, string traceId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(traceId);
        WriteError(writer, new ErrorView(ErrorKind.RouteNotFound, 404, null, null, now, traceId) { Detail = path });
    }

    /// <summary>Writes an error body in the vendor's envelope.</summary>
    internal abstract void WriteError(Utf8JsonWriter writer, in ErrorView problem);

    /// <summary>The status word <paramref name="job"/> shows: its step's scripted <c>word</c>, else the dialect's word for its status.</summary>
    internal JsonEncodedText WordOf(in JobView job) => job.Word ?? StatusWords.Encoded(job.Status);

    /// <summary>As <see cref="WordOf"/>, as text (for logs and the journal).</summary>
    internal string WordTextOf(in JobView job) => job.WordText ?? StatusWords[job.Status];

    /// <inheritdoc />
    public override string ToString() => Name;
}
