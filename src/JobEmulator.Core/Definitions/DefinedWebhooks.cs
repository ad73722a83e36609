using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Templates;

namespace JobEmulator.Core.Definitions;

/// <summary>One row of a definition's <c>webhooks.events</c>: the step changes that send an event of <see cref="Type"/>.</summary>
/// <param name="Type">The event type.</param>
/// <param name="From">The statuses the job may leave (null: any).</param>
/// <param name="To">The statuses it may enter (null: any).</param>
/// <param name="Changed">True: only when the status changes (a step to the same status sends nothing).</param>
internal sealed record EventRule(string Type, IReadOnlyList<JobStatus>? From, IReadOnlyList<JobStatus>? To, bool Changed)
{
    /// <summary>The entered step's words this rule is for (<c>word:</c>, such as a cancelled job's); null: any.</summary>
    public IReadOnlyList<string>? Words { get; init; }

    public bool Matches(JobStatus left, JobStatus entered, string enteredWord) =>
        (From is null || From.Contains(left)) && (To is null || To.Contains(entered)) && (!Changed || left != entered)
        && (Words is null || Words.Contains(enteredWord, StringComparer.Ordinal));
}

/// <summary>How a definition signs its events: the scheme, the header the signature travels in, and what is signed.</summary>
/// <param name="Scheme"><c>hmac_sha256_hex</c> or <c>hmac_sha256_base64</c>.</param>
/// <param name="Header">The header's name.</param>
/// <param name="Prefix">Text signed before the body (DocuRift: <c>"{timestamp}."</c>).</param>
/// <param name="Value">The header's value around the signature (<c>{{ signature }}</c>: the signature alone).</param>
internal sealed record SigningRule(string Scheme, string Header, TemplateText<BodyContext>? Prefix, TemplateText<BodyContext>? Value);

/// <summary>A definition's <c>webhooks:</c>: which step changes are events, their body and headers, how they are signed, and the registration bodies.</summary>
internal sealed class DefinedWebhooks(DefinedDialect dialect, WebhookDefinition definition) : WebhookFormat
{
    public override IReadOnlyList<string> EventTypes { get; } = [.. definition.Events.Select(e => e.Type).Distinct(StringComparer.Ordinal)];

    public override string? EventTypeFor(JobStatus left, JobStatus entered) => EventTypeFor(left, entered, null);

    internal override string? EventTypeFor(JobStatus left, JobStatus entered, string? enteredWord)
    {
        var word = enteredWord ?? dialect.StatusWords[entered];
        return definition.Events.FirstOrDefault(e => e.Matches(left, entered, word))?.Type;
    }

    public override string NewEventId(FakeData random) => dialect.Draw(definition.EventId, random);

    public override string NewEndpointId(FakeData random) => definition.EndpointId is null ? base.NewEndpointId(random) : dialect.Draw(definition.EndpointId, random);

    public override string NewSecret(FakeData random) => definition.Secret is null ? base.NewSecret(random) : dialect.Draw(definition.Secret, random);

    public override void WriteEvent(Utf8JsonWriter writer, in WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(dialect);
        try
        {
            (context.Event, context.Job, context.Metadata) = (webhookEvent, webhookEvent.Job, webhookEvent.Metadata);
            definition.Body.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }

    public override IReadOnlyList<KeyValuePair<string, string>> Headers(in WebhookEvent webhookEvent, ReadOnlySpan<byte> body, string? secret, DateTimeOffset sentAt)
    {
        if (definition.Headers.Count == 0 && (secret is null || definition.Signing is null))
        {
            return [];
        }

        var context = BodyContext.Rent(dialect);
        try
        {
            (context.Event, context.Job, context.Now) = (webhookEvent, webhookEvent.Job, sentAt);
            var headers = new List<KeyValuePair<string, string>>(definition.Headers.Count + 1);
            foreach (var (name, value) in definition.Headers)
            {
                headers.Add(new(name, value.Render(context)));
            }

            if (secret is not null && definition.Signing is { Scheme: "standard_webhooks" })
            {
                StandardWebhooks(headers, webhookEvent.Id, sentAt, body, secret);
            }
            else if (secret is not null && definition.Signing is { } signing)
            {
                var prefix = Encoding.UTF8.GetBytes(signing.Prefix?.Render(context) ?? "");
                var signed = new byte[prefix.Length + body.Length];
                prefix.CopyTo(signed, 0);
                body.CopyTo(signed.AsSpan(prefix.Length));
                var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
                context.Token = signing.Scheme == "hmac_sha256_base64" ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
                headers.Add(new(signing.Header, signing.Value?.Render(context) ?? context.Token));
            }

            return headers;
        }
        finally
        {
            context.Return();
        }
    }

    // Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp (unix seconds) and webhook-signature
    // "v1,<base64 HMAC-SHA256 of '{id}.{timestamp}.{body}'>", keyed by the secret's base64 after 'whsec_' (a secret that
    // is not base64 keys with its UTF-8 bytes, as no reference library would accept: give such endpoints a whsec_ secret).
    private static void StandardWebhooks(List<KeyValuePair<string, string>> headers, string id, DateTimeOffset sentAt, ReadOnlySpan<byte> body, string secret)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        var key = new byte[encoded.Length];
        key = Convert.TryFromBase64String(encoded, key, out var length) ? key[..length] : Encoding.UTF8.GetBytes(secret);
        var head = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        headers.Add(new("webhook-id", id));
        headers.Add(new("webhook-timestamp", timestamp));
        headers.Add(new("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed))));
    }

    public override void WriteEndpoint(Utf8JsonWriter writer, WebhookEndpoint endpoint, bool withSecret) =>
        WriteAbout(writer, definition.Endpoint, endpoint, null, withSecret);

    public override void WriteEndpoints(Utf8JsonWriter writer, IReadOnlyList<WebhookEndpoint> endpoints) =>
        WriteAbout(writer, definition.Endpoints, null, endpoints, withSecret: false);

    public override void WriteDeleted(Utf8JsonWriter writer, WebhookEndpoint endpoint) =>
        WriteAbout(writer, definition.Deleted, endpoint, null, withSecret: false);

    private void WriteAbout(Utf8JsonWriter writer, TemplateNode<BodyContext> body, WebhookEndpoint? endpoint, IReadOnlyList<WebhookEndpoint>? endpoints, bool withSecret)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var context = BodyContext.Rent(dialect);
        try
        {
            (context.Endpoint, context.Endpoints, context.WithSecret) = (endpoint, endpoints, withSecret);
            body.Write(writer, context);
        }
        finally
        {
            context.Return();
        }
    }
}

/// <summary>What a definition's <c>webhooks:</c> says, compiled.</summary>
internal sealed record WebhookDefinition(
    IReadOnlyList<EventRule> Events,
    TemplateText<BodyContext> EventId,
    TemplateText<BodyContext>? EndpointId,
    TemplateText<BodyContext>? Secret,
    TemplateNode<BodyContext> Body,
    IReadOnlyList<(string Name, TemplateText<BodyContext> Value)> Headers,
    SigningRule? Signing,
    TemplateNode<BodyContext> Endpoint,
    TemplateNode<BodyContext> Endpoints,
    TemplateNode<BodyContext> Deleted)
{
    /// <summary>How the vendor delivers (<c>webhooks.delivery</c>: time-out, retries, whether a 4xx stops them); null: the emulator's default.</summary>
    public Dialects.WebhookPolicy? Delivery { get; init; }
}
