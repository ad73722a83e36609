using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Templates;

namespace JobEmulator.Core.Definitions;

/// <summary>
/// A dialect read from a definition file (<c>kind: dialect</c>): its routes, words and fields are data, and its
/// bodies are templates compiled when the file loaded, written straight into the response's <see cref="Utf8JsonWriter"/>.
/// </summary>
internal sealed class DefinedDialect : Dialect
{
    public DefinedDialect(DialectDefinition definition)
    {
        Definition = definition;
        Webhooks = definition.Webhooks is { } webhooks ? new DefinedWebhooks(this, webhooks) : null;
    }

    public DialectDefinition Definition { get; }

    internal override WebhookFormat? Webhooks { get; }

    public override string Name => Definition.Name;

    public override string Vendor => Definition.Vendor;

    public override StatusWords StatusWords => Definition.StatusWords;

    public override IReadOnlyList<DialectOperation> Operations => Definition.Operations;

    internal override IReadOnlyList<JobField> JobFields => Definition.JobFields;

    public override IReadOnlyList<string> PathPrefixes => Definition.PathPrefixes;

    internal override bool HasResult => Definition.Result is not null;

    internal override TimeSpan? DefaultRetention => Definition.Retention;

    internal override IReadOnlyList<SubmissionField> SubmissionFields => Definition.SubmissionFields;

    internal override string? ReadJobId(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Definition.JobIdFrom.Read(request);
    }

    internal override string GenerateJobId(FakeData random) => Draw(Definition.NewJobId, random);

    internal override string GenerateBatchId(FakeData random) => Draw(Definition.NewBatchId, random);

    internal override JsonFragment GenerateResult(FakeData faker) => GenerateResult(faker, []);

    internal override JsonFragment GenerateResult(FakeData faker, IReadOnlyList<JsonFragment> fields)
    {
        ArgumentNullException.ThrowIfNull(faker);
        if (Definition.Result is not { } result)
        {
            return JsonFragment.Null;
        }

        var context = BodyContext.Rent(this);
        try
        {
            context.Faker = faker;
            context.Job = default(JobView) with { Fields = fields };
            return JsonFragment.Build(w => result.Write(w, context));
        }
        finally
        {
            context.Return();
        }
    }

    internal override JsonFragment CompleteErrorDetails(JsonFragment scripted)
    {
        ArgumentNullException.ThrowIfNull(scripted);
        if (Definition.ErrorDetailsDefaults is not { } defaults || System.Text.Json.Nodes.JsonNode.Parse(scripted.Utf8) is not System.Text.Json.Nodes.JsonObject details)
        {
            return scripted;
        }

        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(defaults.Utf8)!.AsObject())
        {
            details.TryAdd(key, value?.DeepClone());
        }

        return JsonFragment.Build(w => details.WriteTo(w));
    }

    internal override bool HasResponseHeaders => Definition.ResponseHeaders.Count > 0;

    internal override IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders(in ResponseFacts facts)
    {
        var context = BodyContext.Rent(this);
        try
        {
            context.Facts = facts;
            var headers = new KeyValuePair<string, string>[Definition.ResponseHeaders.Count];
            for (var i = 0; i < headers.Length; i++)
            {
                var (name, value) = Definition.ResponseHeaders[i];
                headers[i] = new(name, value.Render(context));
            }

            return headers;
        }
        finally
        {
            context.Return();
        }
    }

    internal override string? CheckSubmission(DialectOperation operation, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        foreach (var rule in Definition.Rules)
        {
            if (rule.Check(operation, submission) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) => WriteAbout(writer, Definition.StatusBody, job, request);

    public override string? DefinitionSource => Definition.Source;

    internal override Dialects.WebhookPolicy? WebhookDefaults => Definition.Webhooks?.Delivery;

    internal override int StatusFor(ErrorKind kind, int status) => Definition.Errors.Statuses[(int)kind] ?? status;

    internal override IReadOnlyList<Lifecycle.LifecycleStep>? CancelSteps => Definition.Cancel?.Steps;

    internal override void WriteCancelled(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) =>
        WriteAbout(writer, Definition.Cancel?.Body ?? Definition.StatusBody, job, request);

    internal override void WriteSubmitted(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) => WriteAbout(writer, Definition.SubmittedBody ?? Definition.StatusBody, job, request);

    internal override void WriteJobList(Utf8JsonWriter writer, IReadOnlyList<JobView> jobs, int offset, int count, int total, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(this);
        try
        {
            (context.Jobs, context.Offset, context.Count, context.Total, context.Request) = (jobs, offset, count, total, request);
            Definition.ListBody.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    internal override void WriteBatchSubmitted(Utf8JsonWriter writer, string batchId, IReadOnlyList<JobView> jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(this);
        try
        {
            (context.BatchId, context.Jobs, context.Now) = (batchId, jobs, now);
            Definition.BatchBody.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    internal override void WriteToken(Utf8JsonWriter writer, string token, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(this);
        try
        {
            (context.Token, context.TokenLifetime) = (token, lifetime);
            Definition.TokenBody.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    internal override string GenerateToken(FakeData random, string subject, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        if (Definition.NewToken is not { } format)
        {
            return base.GenerateToken(random, subject, issuedAt, expiresAt);
        }

        var context = BodyContext.Rent(this);
        try
        {
            (context.Faker, context.Token, context.Now, context.TokenLifetime) = (random, subject, issuedAt, expiresAt - issuedAt);
            return format.Render(context);
        }
        finally
        {
            context.Return();
        }
    }

    internal override string? WriteRead(Utf8JsonWriter writer, DialectOperation operation, in ReadView view, IEmulatorRequest request) =>
        Definition.Reads is { } reads
            ? BuiltinFunctions.ReadHandlers[reads](writer, operation, view, request)
            : base.WriteRead(writer, operation, view, request);

    internal override TimeSpan TokenLifetime => Definition.TokenLifetime;

    internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(this);
        try
        {
            context.Error = problem;
            Definition.Errors.Body.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    private void WriteAbout(Utf8JsonWriter writer, TemplateNode<BodyContext> body, in JobView job, IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(this);
        try
        {
            context.Job = job;
            context.Request = request;
            body.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Renders a drawn value (an id, a secret) from the seeded <paramref name="random"/>.</summary>
    internal string Draw(TemplateText<BodyContext> format, FakeData random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var context = BodyContext.Rent(this);
        try
        {
            context.Faker = random;
            return format.Render(context);
        }
        finally
        {
            context.Return();
        }
    }
}
