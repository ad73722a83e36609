using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>
/// Registering, listing and removing webhook endpoints. An endpoint belongs to the scenario the registering
/// credential opens and hears that scenario's jobs; listing and removal see only that scenario's endpoints.
/// </summary>
internal sealed class WebhookOperations(JobEmulatorEngine engine, ErrorWriter errors)
{
    /// <summary>Reads the registration's body; nothing is registered yet.</summary>
    public static async ValueTask<RequestBody> ReadAsync(Dialects.Operations.DialectOperation operation, IEmulatorRequest request, CancellationToken cancellationToken) =>
        operation.Body == BodyFormat.None || operation.ReadCredential(request) is null
            ? RequestBody.Empty
            : await request.ReadBodyAsync(operation.Body, operation.MaxBodyBytes, cancellationToken).ConfigureAwait(false);

    public OperationResponse Create(in OperationContext context, RequestBody body)
    {
        if (!Authorise(context, out var credential, out var scenario, out var format, out var refused))
        {
            return refused;
        }

        if (body.Status != BodyReadStatus.Read)
        {
            return Invalid(context, credential, body.Problem!, body.Status == BodyReadStatus.TooLarge ? 413 : 400);
        }

        var target = body.Fields.TryGetValue("url", out var url) ? HttpUrl(url) : null;
        if (target is null)
        {
            return Invalid(context, credential, "'url' is required and must be an absolute http or https URL");
        }

        if (!TryReadEvents(body, format, out var events, out var problem))
        {
            return Invalid(context, credential, problem!);
        }

        if (!TryReadActive(body, out var active, out problem))
        {
            return Invalid(context, credential, problem!);
        }

        var number = engine.Stores.NextRegistration(scenario);
        var random = new FakeData(StableHash.Combine(scenario.Seed, context.Dialect.Name, scenario.Name, "webhook", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var endpoint = new WebhookEndpoint(format.NewEndpointId(random), target, events, format.NewSecret(random), active, context.Now, scenario);
        if (!engine.Stores.Webhooks.TryAdd(endpoint))
        {
            return Invalid(context, credential, $"At most {WebhookRegistry.MaxPerScenario} webhook endpoints may be registered");
        }

        engine.WatchJobsOf(scenario);
        format.WriteEndpoint(context.Writer, endpoint, withSecret: true);
        return new OperationResponse(context.Operation.SuccessStatus, null, endpoint.Id, "registered", credential);
    }

    public OperationResponse List(in OperationContext context)
    {
        if (!Authorise(context, out var credential, out var scenario, out var format, out var refused))
        {
            return refused;
        }

        format.WriteEndpoints(context.Writer, engine.Stores.Webhooks.For(scenario));
        return new OperationResponse(context.Operation.SuccessStatus, null, null, "listed", credential);
    }

    public OperationResponse Delete(in OperationContext context)
    {
        if (!Authorise(context, out var credential, out var scenario, out var format, out var refused))
        {
            return refused;
        }

        var id = context.Request.GetRouteValue("id");
        var endpoint = string.IsNullOrEmpty(id) ? null : engine.Stores.Webhooks.Find(id, scenario);
        if (endpoint is null || !engine.Stores.Webhooks.Remove(endpoint))
        {
            return errors.Write(context, ErrorKind.WebhookNotFound, 404, id, "not-found", credential);
        }

        format.WriteDeleted(context.Writer, endpoint);
        return new OperationResponse(context.Operation.SuccessStatus, null, id, "deleted", credential);
    }

    private bool Authorise(in OperationContext context, out string credential, out Scenario scenario, out WebhookFormat format, out OperationResponse refused)
    {
        credential = context.Operation.ReadCredential(context.Request)!;
        scenario = null!;
        format = context.Dialect.Webhooks!;
        if (credential is null)
        {
            refused = errors.Write(context, ErrorKind.MissingCredentials, 401, null, "missing-credentials", null);
            return false;
        }

        var owner = engine.IsKnownCredential(context.Dialect, credential) ? engine.SubmissionOwner(context.Dialect, credential) : null;
        if (owner is null)
        {
            refused = errors.Write(context, ErrorKind.InvalidCredentials, 401, null, "invalid-credentials", credential);
            return false;
        }

        if (engine.HasExpired(owner, credential, context.Now))
        {
            refused = errors.Write(context, ErrorKind.ExpiredCredentials, 401, null, "expired-credentials", credential);
            return false;
        }

        scenario = owner;
        refused = default;
        return true;
    }

    private OperationResponse Invalid(in OperationContext context, string credential, string problem, int status = 400) =>
        errors.Write(context, status == 413 ? ErrorKind.PayloadTooLarge : ErrorKind.ValidationFailed, status, null, status == 413 ? "too-large" : "invalid-registration", credential, detail: problem);

    private static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static bool TryReadEvents(RequestBody body, WebhookFormat format, out List<string> events, out string? problem)
    {
        events = [];
        problem = $"'events' must be a non-empty list of: {string.Join(", ", format.EventTypes)}";
        if (!body.Fields.TryGetValue("events", out var raw))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !format.EventTypes.Contains(item.GetString()!, StringComparer.Ordinal))
                {
                    problem = $"unknown event {item.GetRawText()}; 'events' may list: {string.Join(", ", format.EventTypes)}";
                    return false;
                }

                if (!events.Contains(item.GetString()!, StringComparer.Ordinal))
                {
                    events.Add(item.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        problem = null;
        return true;
    }

    private static bool TryReadActive(RequestBody body, out bool active, out string? problem)
    {
        problem = null;
        active = true;
        if (!body.Fields.TryGetValue("active", out var raw))
        {
            return true;
        }

        if (raw is "true" or "false")
        {
            active = raw == "true";
            return true;
        }

        problem = $"'active' must be true or false; found {raw}";
        return false;
    }
}
