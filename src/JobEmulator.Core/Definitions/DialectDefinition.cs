using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>Everything a dialect definition file says, checked and compiled: what <see cref="DefinedDialect"/> serves.</summary>
internal sealed record DialectDefinition
{
    /// <summary>The file it was read from (or the name given to an in-memory source).</summary>
    public required string Source { get; init; }

    public required string Name { get; init; }

    /// <summary>Where the file says its <c>name</c> (a clash with another dialect's name is reported there).</summary>
    public SourcePosition NamePosition { get; init; } = new(1, 1);

    /// <summary>Where the file declares each of <see cref="Operations"/>, in the same order (a clash of routes is reported there).</summary>
    public IReadOnlyList<SourcePosition> OperationPositions { get; init; } = [];

    public required string Vendor { get; init; }

    public required StatusWords StatusWords { get; init; }

    public required IReadOnlyList<DialectOperation> Operations { get; init; }

    public IReadOnlyList<string> PathPrefixes { get; init; } = [];

    public TimeSpan? Retention { get; init; }

    public required JobIdPlace JobIdFrom { get; init; }

    public required TemplateText<BodyContext> NewJobId { get; init; }

    public required TemplateText<BodyContext> NewBatchId { get; init; }

    public IReadOnlyList<JobField> JobFields { get; init; } = [];

    public IReadOnlyList<SubmissionField> SubmissionFields { get; init; } = [];

    public IReadOnlyList<SubmissionRule> Rules { get; init; } = [];

    /// <summary>Keys a scenario's <c>error.details</c> object gets where it leaves them out (DocuRift's <c>step</c>, <c>retryable</c>).</summary>
    public JsonFragment? ErrorDetailsDefaults { get; init; }

    /// <summary>The generated result's template; null: the vendor's body carries no result.</summary>
    public TemplateNode<BodyContext>? Result { get; init; }

    public required TemplateNode<BodyContext> StatusBody { get; init; }

    /// <summary>How a job is cancelled (<c>cancel:</c>); null: the dialect has no cancel operation.</summary>
    public CancelRule? Cancel { get; init; }

    /// <summary>The answer to a submission; null: the status body.</summary>
    public TemplateNode<BodyContext>? SubmittedBody { get; init; }

    public required TemplateNode<BodyContext> ListBody { get; init; }

    public required TemplateNode<BodyContext> BatchBody { get; init; }

    public required TemplateNode<BodyContext> TokenBody { get; init; }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How a new access token looks (<c>token.new</c>); null: 40 letters and digits.</summary>
    public TemplateText<BodyContext>? NewToken { get; init; }

    /// <summary>How the vendor announces jobs by webhook; null: it does not.</summary>
    public WebhookDefinition? Webhooks { get; init; }

    /// <summary>The built-in that answers the read operations (<c>reads:</c>), when there are any.</summary>
    public string? Reads { get; init; }

    public required ErrorTable Errors { get; init; }

    /// <summary>Headers every answer carries (Aitronos' <c>x-request-id</c> and rate-limit headers), in order.</summary>
    public IReadOnlyList<(string Name, TemplateText<BodyContext> Value)> ResponseHeaders { get; init; } = [];
}

/// <summary>Where a request names its job: a route value or a query parameter.</summary>
/// <param name="Route">The route value (<c>id</c> in <c>/v1/jobs/{id}</c>), or null.</param>
/// <param name="Query">The query parameter (<c>request_id</c>), or null.</param>
/// <param name="BlankIsMissing">True when a value of only spaces counts as no id (DeepAffects).</param>
internal sealed record JobIdPlace(string? Route, string? Query, bool BlankIsMissing)
{
    public string? Read(IEmulatorRequest request)
    {
        var id = Route is not null ? request.GetRouteValue(Route) : request.GetQuery(Query!);
        return BlankIsMissing && string.IsNullOrWhiteSpace(id) ? null : id;
    }
}

/// <summary>A rule across a submission's fields (<c>any_of</c>, <c>json_object</c>): null when the submission keeps it, else the message.</summary>
internal abstract record SubmissionRule
{
    public abstract string? Check(DialectOperation operation, Submission submission);

    /// <summary>At least one of the fields is present.</summary>
    public sealed record AnyOf(IReadOnlyList<string> Fields, string Message) : SubmissionRule
    {
        public override string? Check(DialectOperation operation, Submission submission) =>
            Fields.Any(submission.Values.ContainsKey) ? null : Message;
    }

    /// <summary>At most one of the fields is present.</summary>
    public sealed record NotWith(IReadOnlyList<string> Fields, string Message) : SubmissionRule
    {
        public override string? Check(DialectOperation operation, Submission submission) =>
            Fields.Count(submission.Values.ContainsKey) > 1 ? Message : null;
    }

    /// <summary>The field is present when another is (<paramref name="Value"/> null) or has that value.</summary>
    public sealed record RequiredWhen(string Field, string Other, string? Value, string Message) : SubmissionRule
    {
        public override string? Check(DialectOperation operation, Submission submission) =>
            !submission.Values.ContainsKey(Field) && submission.Values.TryGetValue(Other, out var other) && (Value is null || string.Equals(other, Value, StringComparison.Ordinal))
                ? Message
                : null;
    }

    /// <summary>When present, the field holds a JSON object.</summary>
    public sealed record JsonObject(string Field, string NotJson, string NotObject) : SubmissionRule
    {
        public override string? Check(DialectOperation operation, Submission submission)
        {
            if (!submission.Values.TryGetValue(Field, out var text))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.ValueKind == JsonValueKind.Object ? null : NotObject;
            }
            catch (JsonException)
            {
                return NotJson;
            }
        }
    }
}

/// <summary>
/// The error envelope: one body template, and for each error kind the values (<c>error.message</c>,
/// <c>error.code</c>, …) it fills in; a kind the table leaves out takes the <c>default</c> entry's.
/// </summary>
/// <param name="Body">The envelope.</param>
/// <param name="Values">Per kind (by <see cref="ErrorKind"/>), each named value's expression; a missing name reads null.</param>
internal sealed record ErrorTable(TemplateNode<BodyContext> Body, IReadOnlyDictionary<string, TemplateExpression<BodyContext>>[] Values)
{
    /// <summary>The vendor's own status per error kind (<c>errors.status</c>), indexed by kind; null: the emulator's.</summary>
    public IReadOnlyList<int?> Statuses { get; init; } = new int?[ErrorKinds.All.Count];
}

/// <summary>
/// <c>cancel:</c> — the steps a cancelled job takes (a running step with the vendor's cancelling word for a while, if it
/// has one, then a terminal step with its cancelled word: the failed state, without an error) and the answer's body.
/// </summary>
internal sealed record CancelRule(IReadOnlyList<Lifecycle.LifecycleStep> Steps, TemplateNode<BodyContext>? Body);
