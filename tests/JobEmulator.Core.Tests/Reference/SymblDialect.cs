using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Symbl;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>
/// Symbl.ai's Job API (seed 000): <c>GET /v1/job/{jobId}</c> with <c>Authorization: Bearer</c>,
/// answering <c>{"id","status"}</c> with <c>scheduled</c>/<c>in_progress</c>/<c>completed</c>/<c>failed</c>.
/// The status carries neither result nor error (results live in the Conversation API): a scripted
/// <c>result</c> or <c>error</c> is accepted but not shown; the Conversation API (<c>/v1/conversations/{conversationId}/…</c>)
/// answers for a conversation once one of its jobs has completed (see SymblConversations). Errors are <c>{"message": …}</c>; 429 adds <c>statusCode</c>. See LIMITATIONS.md.
/// </summary>
internal sealed class SymblDialect : Dialect
{
    private static readonly CredentialSource[] Auth = [CredentialSource.Bearer, CredentialSource.Header("x-api-key")];

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText StatusCode = JsonEncodedText.Encode("statusCode");
    private static readonly JsonEncodedText ConversationId = JsonEncodedText.Encode("conversationId");
    private static readonly JsonEncodedText JobId = JsonEncodedText.Encode("jobId");

    /// <inheritdoc />
    public override string Name => "symbl";

    /// <inheritdoc />
    public override string Vendor => "Symbl.ai";

    /// <inheritdoc />
    public override StatusWords StatusWords { get; } = new("scheduled", "in_progress", "completed", "failed");

    /// <inheritdoc />
    public override IReadOnlyList<string> PathPrefixes { get; } = ["/v1/process", "/v1/job", "/v1/conversations", "/oauth2"];

    /// <inheritdoc />
    public override IReadOnlyList<DialectOperation> Operations { get; } =
    [
        new("POST", "/oauth2/token:generate", OperationKind.Token, [], "exchange appId/appSecret for an access token (JSON)") { Body = BodyFormat.Json },
        new("GET", "/v1/job/{jobId}", OperationKind.Status, Auth, "poll a job"),
        Submit("POST", AudioUrl, "audio", BodyFormat.Json, "process audio at a URL (JSON)"),
        Submit("POST", VideoUrl, "video", BodyFormat.Json, "process video at a URL (JSON)"),
        Submit("POST", Audio, "audio", BodyFormat.Raw, "process uploaded audio (raw bytes)"),
        Submit("POST", Video, "video", BodyFormat.Raw, "process uploaded video (raw bytes)"),
        Submit("POST", Text, "text", BodyFormat.Json, "process text messages (JSON)"),
        Submit("PUT", AudioUrl + Append, "audio", BodyFormat.Json, "append audio at a URL to a conversation"),
        Submit("PUT", VideoUrl + Append, "video", BodyFormat.Json, "append video at a URL to a conversation"),
        Submit("PUT", Audio + Append, "audio", BodyFormat.Raw, "append uploaded audio to a conversation"),
        Submit("PUT", Video + Append, "video", BodyFormat.Raw, "append uploaded video to a conversation"),
        Submit("PUT", Text + Append, "text", BodyFormat.Json, "append text messages to a conversation"),
        Read("GET", Conversations, SymblConversations.Conversation, "read a processed conversation"),
        Read("GET", Conversations + "/messages", SymblConversations.Messages, "read its messages (verbose=true adds words, sentiment=true sentiment)"),
        Read("GET", Conversations + "/topics", SymblConversations.Topics, "read its topics (sentiment=true adds sentiment)"),
        Read("GET", Conversations + "/questions", SymblConversations.Questions, "read its questions"),
        Read("GET", Conversations + "/action-items", SymblConversations.ActionItems, "read its action items"),
        Read("GET", Conversations + "/follow-ups", SymblConversations.FollowUps, "read its follow-ups"),
        Read("GET", Conversations + "/entities", SymblConversations.Entities, "read its entities"),
        Read("GET", Conversations + "/summary", SymblConversations.Summary, "read its summary"),
        new("POST", Conversations + "/experiences", OperationKind.Read, Auth, "create the summary UI's URL (JSON)")
        {
            Lookup = ByConversation,
            Values = new Dictionary<string, string> { ["view"] = SymblConversations.Experiences },
            Body = BodyFormat.Json,
            SuccessStatus = 201,
        },
    ];

    /// <summary>The largest upload accepted (Symbl documents no limit for the Async API; 1 GB here, counted while streaming).</summary>
    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    /// <summary>Index of <c>conversation_id</c> in <see cref="JobView.Fields"/>.</summary>
    public const int ConversationIdField = 0;

    /// <summary>Index of <c>name</c> (the conversation's name) in <see cref="JobView.Fields"/>.</summary>
    public const int NameField = 1;

    /// <summary>Index of <c>conversation</c> (what the Conversation API answers, where scripted) in <see cref="JobView.Fields"/>.</summary>
    public const int ConversationField = 2;

    /// <inheritdoc />
    internal override IReadOnlyList<JobField> JobFields { get; } =
    [
        new("conversation_id", JobFieldKind.Text, "the conversationId the submission answered (16 digits)", f => JsonFragment.Text(f.Text(16, "0123456789"))),
        new("name", JobFieldKind.Text, "the conversation's name (the submission's name; Symbl's default is the conversationId)", _ => JsonFragment.Null),
        new("conversation", JobFieldKind.Mapping, "what the Conversation API answers once the job completes, replacing what is generated", _ => JsonFragment.Null) { Keys = SymblConversations.ScriptKeys },
    ];

    /// <inheritdoc />
    internal override IReadOnlyList<SubmissionField> SubmissionFields { get; } =
    [
        new("media", "media", "audio, video or text (from the route)") { Source = SubmissionFieldSource.Operation },
        new("url", "url", "the media's public URL") { Required = true, OnlyFor = [AudioUrl, VideoUrl, AudioUrl + Append, VideoUrl + Append], Pattern = "^https?://" },
        new("file", string.Empty, "the uploaded media: the request body") { Source = SubmissionFieldSource.FileName, Required = true, OnlyFor = [Audio, Video, Audio + Append, Video + Append] },
        new("content_type", string.Empty, "the upload's Content-Type, audio/* or video/*; optional, as Symbl documents it") { Source = SubmissionFieldSource.FileContentType, OnlyFor = [Audio, Video, Audio + Append, Video + Append], Pattern = "^(audio|video)/" },
        new("messages", "messages", "the text messages (a JSON array)") { Required = true, OnlyFor = [Text, Text + Append], Pattern = @"^\s*\[" },
        new("name", "name", "the conversation's name") { JobField = "name" },
        new("language_code", "languageCode", "the language, such as en-US"),
        new("webhook_url", "webhookUrl", "where {jobId, status} is POSTed on every status change") { Role = SubmissionFieldRole.WebhookUrl },
        new("conversation_id", "conversationId", "the conversation an append adds to") { Source = SubmissionFieldSource.Route, JobField = "conversation_id" },
    ];

    /// <inheritdoc />
    internal override WebhookFormat Webhooks { get; } = new SymblWebhooks();

    /// <inheritdoc />
    internal override string GenerateToken(FakeData random, string subject, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        SymblTokens.Jwt(random, subject, issuedAt, expiresAt);

    /// <inheritdoc />
    internal override void WriteSubmitted(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName(ConversationId);
        job.Fields[ConversationIdField].WriteTo(writer);
        writer.WriteString(JobId, job.Id);
        writer.WriteEndObject();
    }

    private const string AudioUrl = "/v1/process/audio/url";
    private const string VideoUrl = "/v1/process/video/url";
    private const string Audio = "/v1/process/audio";
    private const string Video = "/v1/process/video";
    private const string Text = "/v1/process/text";
    private const string Append = "/{conversationId}";
    private const string Conversations = "/v1/conversations/{conversationId}";

    private static readonly JobLookup ByConversation = new("conversationId", "conversation_id");

    private static DialectOperation Read(string method, string route, string view, string summary) =>
        new(method, route, OperationKind.Read, Auth, summary) { Lookup = ByConversation, Values = new Dictionary<string, string> { ["view"] = view } };

    private static DialectOperation Submit(string method, string route, string media, BodyFormat body, string summary) =>
        new(method, route, OperationKind.Submit, Auth, summary)
        {
            Body = body,
            MaxBodyBytes = body == BodyFormat.Raw ? MaxUploadBytes : DialectOperation.DefaultMaxBodyBytes,
            SuccessStatus = 201,
            Values = new Dictionary<string, string> { ["media"] = media },
        };

    /// <inheritdoc />
    internal override bool HasResult => false;


    /// <inheritdoc />
    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetRouteValue("jobId");
    }

    /// <inheritdoc />
    internal override string GenerateJobId(FakeData random) => VendorIds.Uuid(random);

    /// <inheritdoc />
    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(Id, job.Id);
        writer.WriteString(Status, WordOf(job));
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    internal override string? WriteRead(Utf8JsonWriter writer, DialectOperation operation, in ReadView view, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        var name = view.Job.Fields[NameField] is { } field && field.Utf8[0] == (byte)'"' ? field.ToElement().GetString() : null;
        return SymblConversations.Write(writer, operation, view, request, name);
    }

    /// <inheritdoc />
    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (problem.Kind is ErrorKind.RateLimited or ErrorKind.ConcurrentJobLimit)
        {
            writer.WriteNumber(StatusCode, problem.StatusCode);
        }

        writer.WriteString(Message, problem.Kind switch
        {
            ErrorKind.MissingCredentials or ErrorKind.InvalidCredentials or ErrorKind.ExpiredCredentials => problem.Detail ?? "Token validation failed for provided token.",
            ErrorKind.ValidationFailed => problem.Detail ?? "Bad Request",
            ErrorKind.ConcurrentJobLimit => $"This API has a limit of maximum of {problem.Detail} number of concurrent jobs per account. If you are looking to scale, and need more concurrent jobs than this limit, please contact us at support@symbl.ai",
            ErrorKind.Conflict => "Conflict",
            ErrorKind.BadGateway => "Bad Gateway",
            ErrorKind.GatewayTimeout => "Gateway Timeout",
            ErrorKind.PayloadTooLarge => "Payload Too Large",
            ErrorKind.TooManyJobs => "Too Many Requests",
            ErrorKind.Forbidden => "You do not have access to this job.",
            ErrorKind.JobNotFound => "The jobId is either invalid or does not exist.",
            ErrorKind.MissingJobId => "jobId is required.",
            ErrorKind.RateLimited => "Too Many Requests",
            ErrorKind.ServiceUnavailable => "Service Unavailable",
            ErrorKind.ServerError => "Internal Server Error",
            ErrorKind.RouteNotFound => "Not Found",
            ErrorKind.ResourceNotFound => "The conversationId is either invalid or does not exist.",
            ErrorKind.ResourceNotReady => $"The conversation {problem.Detail} is still being processed; its insights are available once its job is completed.",
            _ => "Bad Request",
        });
        writer.WriteEndObject();
    }
}
