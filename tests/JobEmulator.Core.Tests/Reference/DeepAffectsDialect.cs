using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.DeepAffects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// DeepAffects' async Job Status API (seed 001):
/// <c>GET /transaction/generic/api/v1/async/status?apikey=&amp;request_id=</c>, answering
/// <c>{"response":{"request_id","response"},"status"}</c> with <c>Running</c>/<c>Completed</c>/<c>Failed</c>
/// (queued jobs also say <c>Running</c>: the vendor has no separate word). The API sits behind an
/// Apigee gateway, so errors use Apigee's <c>{"fault":{"faultstring","detail":{"errorcode"}}}</c>.
/// See LIMITATIONS.md.
/// </summary>
internal sealed class DeepAffectsDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Query("apikey")];

    private static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Fault = JsonEncodedText.Encode("fault");
    private static readonly JsonEncodedText FaultString = JsonEncodedText.Encode("faultstring");
    private static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText ErrorCode = JsonEncodedText.Encode("errorcode");
    private static readonly JsonEncodedText Api = JsonEncodedText.Encode("api");

    /// <inheritdoc />
    public override string Name => "deepaffects";

    /// <inheritdoc />
    public override string Vendor => "DeepAffects";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("Running", "Running", "Completed", "Failed");

    /// <inheritdoc />
    public override IReadOnlyList<string> PathPrefixes { get; } = ["/{area}/generic/api"];

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/transaction/generic/api/v1/async/status", OperationKind.Status, Auth, "poll a job"),
        Submit("v1"),
        Submit("v2"),
    ];

    /// <summary>The largest JSON body accepted (base64 audio): 25 MB, refused while streaming past it (a JSON body is held while parsed).</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    /// <summary>Index of <c>api</c> in <see cref="JobView.Fields"/>.</summary>
    public const int ApiField = 0;

    /// <summary>Index of <c>summary_type</c> in <see cref="JobView.Fields"/>.</summary>
    private const int SummaryTypeField = 1;

    /// <inheritdoc />
    internal override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("api", JobFieldKind.Text, "the async API that made the job (recognise_emotion, diarize, summary, …); it picks the result's shape", _ => JsonFragment.Text("speech_recognition")),
        new("summary_type", JobFieldKind.Text, "a summary's kind (summaryType): the generated summary is keyed by it", _ => JsonFragment.Text("abstractive")),
    ];

    /// <inheritdoc />
    internal override IReadOnlyList<SubmissionField> SubmissionFields { get; } =
    [
        new("area", "area", "the API area in the path (audio, text, …)") { Source = SubmissionFieldSource.Route },
        new("api", "api", "the async API in the path") { Source = SubmissionFieldSource.Route, JobField = "api" },
        new("version", "version", "v1 or v2 (from the path)") { Source = SubmissionFieldSource.Operation },
        new("request_id", "request_id", "the request id the client chose") { Source = SubmissionFieldSource.Query, Role = SubmissionFieldRole.JobId },
        new("webhook", "webhook", "where {request_id, response} is POSTed when the job finishes") { Source = SubmissionFieldSource.Query, Role = SubmissionFieldRole.WebhookUrl },
        new("content", "content", "the audio or text, base64-encoded"),
        new("url", "url", "where the audio can be fetched") { Pattern = "^https?://" },
        new("encoding", "encoding", "the audio encoding (wav, mp3, flac, …)"),
        new("sample_rate", "sampleRate", "the audio's sample rate") { Pattern = "^[0-9]+$" },
        new("language_code", "languageCode", "the language (en-US, …)"),
        new("summary_type", "summaryType", "the kind of summary (abstractive, …): the result is keyed by it") { JobField = "summary_type" },
        new("summary_data", "summaryData", "the text to summarise"),
        new("model", "model", "the summary model"),
    ];

    /// <inheritdoc />
    internal override string? CheckSubmission(DialectOperation operation, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var values = submission.Values;
        return values.ContainsKey("content") || values.ContainsKey("url") || values.ContainsKey("summary_data")
            ? null
            : "One of content, url or summaryData is required";
    }

    /// <inheritdoc />
    internal override WebhookFormat Webhooks { get; } = new DeepAffectsWebhooks();

    /// <inheritdoc />
    internal override void WriteSubmitted(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(RequestId, job.Id);
        writer.WritePropertyName(Api);
        job.Fields[ApiField].WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override JsonFragment GenerateResult(FakeData faker, IReadOnlyList<JsonFragment> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var api = fields.Count > ApiField ? fields[ApiField].ToString() : string.Empty;
        var summaryType = fields.Count > SummaryTypeField ? fields[SummaryTypeField].ToString().Trim('"') : "abstractive";
        return DeepAffectsResults.For(api, summaryType, faker) ?? GenerateResult(faker);
    }

    private static DialectOperation Submit(string version) =>
        new("POST", "/{area}/generic/api/" + version + "/async/{api}", OperationKind.Submit, Auth, $"start an async {version} API call (JSON; ?webhook=&request_id=)")
        {
            Body = BodyFormat.Json,
            MaxBodyBytes = MaxBodyBytes,
            Values = new Dictionary<string, string> { ["version"] = version },
        };

    /// <inheritdoc />
    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.GetQuery("request_id");
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    /// <inheritdoc />
    internal override string GenerateJobId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    internal override JsonFragment GenerateResult(FakeData faker)
    {
        ArgumentNullException.ThrowIfNull(faker);
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

    /// <inheritdoc />
    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject(Response);
        writer.WriteString(RequestId, job.Id);
        writer.WritePropertyName(Response);
        switch (job.Status)
        {
            case JobStatus.Completed:
                (job.Result ?? JsonFragment.Null).WriteTo(writer);
                break;
            case JobStatus.Failed:
                writer.WriteStartObject();
                writer.WriteString(Error, job.Error?.Message ?? "The request could not be processed.");
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }

        writer.WriteEndObject();
        writer.WriteString(Status, WordOf(job));
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (faultString, errorCode) = problem.Kind switch
        {
            ErrorKind.MissingCredentials => ("Failed to resolve API Key variable request.queryparam.apikey", "steps.oauth.v2.FailedToResolveAPIKey"),
            ErrorKind.InvalidCredentials => ("Invalid ApiKey", "oauth.v2.InvalidApiKey"),
            ErrorKind.ExpiredCredentials => ("The consumer key has expired", "keymanagement.service.consumer_key_expired"),
            ErrorKind.Forbidden => ("Invalid ApiKey for given resource", "oauth.v2.InvalidApiKeyForGivenResource"),
            ErrorKind.JobNotFound => ($"No request found with request_id {problem.JobId}", "request.NotFound"),
            ErrorKind.MissingJobId => ("request_id is required", "request.MissingRequestId"),
            ErrorKind.RateLimited => ("Spike arrest violation. Allowed rate : MessageRate{messagesPerPeriod=5, periodInMicroseconds=60000000, maxBurstMessageCount=1.0}", "policies.ratelimit.SpikeArrestViolation"),
            ErrorKind.ServiceUnavailable => ("The Service is temporarily unavailable", "messaging.adaptors.http.flow.ServiceUnavailable"),
            ErrorKind.ServerError => ("Internal Server Error", "messaging.adaptors.http.flow.InternalServerError"),
            ErrorKind.ValidationFailed => (problem.Detail ?? "Bad Request", "request.BadRequest"),
            ErrorKind.ConcurrentJobLimit => ($"Concurrent request limit of {problem.Detail} reached", "policies.ratelimit.QuotaViolation"),
            ErrorKind.Conflict => ("Conflict", "request.Conflict"),
            ErrorKind.BadGateway => ("Bad Gateway", "messaging.adaptors.http.flow.BadGateway"),
            ErrorKind.GatewayTimeout => ("Gateway Timeout", "messaging.adaptors.http.flow.GatewayTimeout"),
            ErrorKind.PayloadTooLarge => ("Request payload is too large", "protocol.http.TooBigBody"),
            ErrorKind.TooManyJobs => ("Too many requests in progress", "policies.ratelimit.QuotaViolation"),
            ErrorKind.RouteNotFound => ($"Unable to identify proxy for host: api.deepaffects.com and url: {problem.Detail}", "messaging.adaptors.http.flow.ApplicationNotFound"),
            _ => ("Bad Request", "request.BadRequest"),
        };
        writer.WriteStartObject();
        writer.WriteStartObject(Fault);
        writer.WriteString(FaultString, faultString);
        writer.WriteStartObject(Detail);
        writer.WriteString(ErrorCode, errorCode);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
