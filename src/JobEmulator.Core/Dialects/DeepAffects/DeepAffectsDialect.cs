using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Json;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Dialects.DeepAffects;

/// <summary>
/// DeepAffects' async Job Status API (seed 001):
/// <c>GET /transaction/generic/api/v1/async/status?apikey=&amp;request_id=</c>, answering
/// <c>{"response":{"request_id","response"},"status"}</c> with <c>Running</c>/<c>Completed</c>/<c>Failed</c>
/// (queued jobs also say <c>Running</c>: the vendor has no separate word). The API sits behind an
/// Apigee gateway, so errors use Apigee's <c>{"fault":{"faultstring","detail":{"errorcode"}}}</c>.
/// See LIMITATIONS.md.
/// </summary>
public sealed class DeepAffectsDialect : Dialect
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

    /// <inheritdoc />
    public override string Name => "deepaffects";

    /// <inheritdoc />
    public override string Vendor => "DeepAffects";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("Running", "Running", "Completed", "Failed");

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("GET", "/transaction/generic/api/v1/async/status", OperationKind.Status, Auth, "poll a job"),
    ];

    /// <inheritdoc />
    public override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.GetQuery("request_id");
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    /// <inheritdoc />
    public override string GenerateJobId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    public override JsonFragment GenerateResult(FakeData faker)
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
    public override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
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
    public override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (faultString, errorCode) = problem.Kind switch
        {
            ErrorKind.MissingCredentials => ("Failed to resolve API Key variable request.queryparam.apikey", "steps.oauth.v2.FailedToResolveAPIKey"),
            ErrorKind.InvalidCredentials => ("Invalid ApiKey", "oauth.v2.InvalidApiKey"),
            ErrorKind.Forbidden => ("Invalid ApiKey for given resource", "oauth.v2.InvalidApiKeyForGivenResource"),
            ErrorKind.JobNotFound => ($"No request found with request_id {problem.JobId}", "request.NotFound"),
            ErrorKind.MissingJobId => ("request_id is required", "request.MissingRequestId"),
            ErrorKind.RateLimited => ("Spike arrest violation. Allowed rate : MessageRate{messagesPerPeriod=5, periodInMicroseconds=60000000, maxBurstMessageCount=1.0}", "policies.ratelimit.SpikeArrestViolation"),
            ErrorKind.ServiceUnavailable => ("The Service is temporarily unavailable", "messaging.adaptors.http.flow.ServiceUnavailable"),
            ErrorKind.ServerError => ("Internal Server Error", "messaging.adaptors.http.flow.InternalServerError"),
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
