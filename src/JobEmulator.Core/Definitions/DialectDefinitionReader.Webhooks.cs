using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary>The <c>webhooks:</c> section: events, their body, headers and signature, and the registration bodies.</summary>
internal sealed partial class DialectDefinitionReader
{
    private static readonly string[] WebhookKeys = ["events", "event_id", "endpoint_id", "secret", "body", "headers", "signature", "endpoint", "endpoints", "deleted", "delivery"];
    private static readonly string[] DeliveryKeys = ["timeout", "retry", "stop_on_4xx", "method"];
    private static readonly string[] WebhookMethods = ["POST", "PUT", "PATCH"];
    private static readonly string[] EventRuleKeys = ["type", "from", "to", "changed", "word"];
    private static readonly string[] SignatureKeys = ["scheme", "header", "prefix", "value"];
    private static readonly string[] Schemes = ["hmac_sha256_hex", "hmac_sha256_base64", "standard_webhooks"];

    private const string DefaultEndpoint = """
        id: "{{ endpoint.id }}"
        url: "{{ endpoint.url }}"
        events: "{{ endpoint.events }}"
        secret: { $if: with_secret, $then: "{{ endpoint.secret }}" }
        active: "{{ endpoint.active }}"
        createdAt: "{{ endpoint.created_at }}"
        """;

    private WebhookDefinition? WebhooksOf(YamlNode node, IReadOnlyList<string> fields)
    {
        if (reader.Map(node, "'webhooks' (events, body, and how they are signed)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'webhooks'", WebhookKeys);
        var errors = reader.Errors.Count;
        var events = reader.Required(map, "events", "'webhooks'") is { } eventsNode && reader.List(eventsNode, "'webhooks.events' (which step changes send which event)") is { } list
            ? list.Items.Select(EventRuleOf).ToList()
            : [];
        var eventId = map["event_id"] is { } eventIdNode ? NewId(eventIdNode, "'webhooks.event_id'") : NewId(Builtin("'{{ fake.uuid }}'"), "'webhooks.event_id'");
        var endpointId = map["endpoint_id"] is { } endpointIdNode ? NewId(endpointIdNode, "'webhooks.endpoint_id'") : null;
        var secret = map["secret"] is { } secretNode ? NewId(secretNode, "'webhooks.secret'") : null;

        var compiler = Compiler();
        var eventScope = new TemplateScope<BodyContext> { What = "a webhook event" }.Job(fields).WithCommonFunctions()
            .Name("event.id", c => TemplateValue.Text(c.Event.Id))
            .Name("event.type", c => TemplateValue.Text(c.Event.Type))
            .Name("event.created_at", c => TemplateValue.Time(c.Event.CreatedAt));
        var body = reader.Required(map, "body", "'webhooks'") is { } bodyNode ? compiler.Compile(bodyNode, eventScope) : null;

        var headerScope = new TemplateScope<BodyContext> { What = "a webhook header" }.WithCommonFunctions()
            .Name("event.id", c => TemplateValue.Text(c.Event.Id))
            .Name("event.type", c => TemplateValue.Text(c.Event.Type))
            .Name("event.created_at", c => TemplateValue.Time(c.Event.CreatedAt))
            .Name("sent_at", c => TemplateValue.Time(c.Now));
        var headers = new List<(string, TemplateText<BodyContext>)>();
        if (map["headers"] is { } headersNode && reader.Map(headersNode, "'webhooks.headers'") is { } headerMap)
        {
            foreach (var entry in headerMap.Entries)
            {
                if (compiler.Text(entry.Value, headerScope, $"the header '{entry.Key.Value}'") is { } value)
                {
                    headers.Add((entry.Key.Value, value));
                }
            }
        }

        var signing = map["signature"] is { } signatureNode ? SigningOf(signatureNode, headerScope) : null;
        var delivery = map["delivery"] is { } deliveryNode ? DeliveryOf(deliveryNode) : null;

        var endpointScope = new TemplateScope<BodyContext> { What = "a webhook endpoint's body" }.WithCommonFunctions()
            .Name("endpoint.id", c => TemplateValue.Text(c.Endpoint?.Id))
            .Name("endpoint.url", c => TemplateValue.Text(c.Endpoint?.Url.OriginalString))
            .Name("endpoint.events", c => c.Endpoint is { } e ? TemplateValue.Json(JsonFragment.Build(w => JsonSerializerWrite(w, e.Events))) : TemplateValue.Null)
            .Name("endpoint.secret", c => TemplateValue.Text(c.Endpoint?.Secret))
            .Name("endpoint.active", c => c.Endpoint is { } e ? TemplateValue.Boolean(e.Active) : TemplateValue.Null)
            .Name("endpoint.created_at", c => TemplateValue.Time(c.Endpoint?.CreatedAt))
            .Name("with_secret", c => TemplateValue.Boolean(c.WithSecret))
            .List("endpoints", new(c => c.Endpoints?.Count ?? 0, (c, i) => c.Endpoint = c.Endpoints![i], c => c.Endpoint = null));
        var endpoint = compiler.Compile(map["endpoint"] ?? Builtin(DefaultEndpoint), endpointScope);
        var endpoints = map["endpoints"] is { } endpointsNode ? compiler.Compile(endpointsNode, endpointScope)
            : endpoint is null ? null : new TemplateNode<BodyContext>.Each(new(c => c.Endpoints?.Count ?? 0, (c, i) => c.Endpoint = c.Endpoints![i], c => c.Endpoint = null), endpoint);
        var deleted = compiler.Compile(map["deleted"] ?? Builtin("{ id: '{{ endpoint.id }}', deleted: true }"), endpointScope);

        if (reader.Errors.Count > errors || eventId is null || body is null || endpoint is null || endpoints is null || deleted is null || events.Any(e => e is null))
        {
            return null;
        }

        return new WebhookDefinition([.. events!], eventId, endpointId, secret, body, headers, signing, endpoint, endpoints, deleted) { Delivery = delivery };
    }

    // - { type: document.processing.started, from: queued, to: running }   - { type: status_change, changed: true }
    private EventRule? EventRuleOf(YamlNode node)
    {
        if (reader.Map(node, "each of 'webhooks.events' (type, from, to, changed)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "an event", EventRuleKeys);
        var type = reader.Required(map, "type", "an event") is { } typeNode ? reader.Text(typeNode, "'type'") : null;
        var from = map["from"] is { } fromNode ? Statuses(fromNode, "'from'") : null;
        var to = map["to"] is { } toNode ? Statuses(toNode, "'to'") : null;
        var changed = reader.Flag(map["changed"], "'changed'");
        var words = map["word"] is { } wordNode ? Words(wordNode) : null;
        return type is null || (map["word"] is not null && words is null) ? null : new EventRule(type, from, to, changed) { Words = words };
    }

    // word: cancelled, or [cancelled, expired]: the words of the entered step this event is for.
    private List<string>? Words(YamlNode node)
    {
        var words = (node is YamlList list ? list.Items : [node]).Select(item => reader.Text(item, "'word' (a status word, or a list of them)")).ToList();
        if (words.Count == 0)
        {
            reader.Error(node, "'word' lists no word; leave it out for an event whatever the word");
        }

        return words.Count == 0 || words.Any(w => w is null) ? null : [.. words.OfType<string>()];
    }

    private List<JobStatus>? Statuses(YamlNode node, string what)
    {
        var items = node is YamlList list ? list.Items : [node];
        List<JobStatus> statuses = [];
        foreach (var item in items)
        {
            if (item is YamlScalar scalar && Enum.TryParse<JobStatus>(scalar.Value, ignoreCase: true, out var status) && scalar.Value.All(char.IsAsciiLetterLower))
            {
                statuses.Add(status);
            }
            else
            {
                reader.Error(item, $"{what} names statuses: queued, running, completed or failed (one, or a list); found {item.Describe()}");
            }
        }

        return statuses;
    }

    // delivery: { timeout: 10s, retry: [10s, 1m], stop_on_4xx: true } — what a scenario's 'webhooks:' overrides; each key
    // left out keeps the emulator's default (5s; 10s, 1m, 5m; false).
    private Dialects.WebhookPolicy? DeliveryOf(YamlNode node)
    {
        if (reader.Map(node, "'webhooks.delivery' (timeout, retry, stop_on_4xx)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'webhooks.delivery'", DeliveryKeys);
        var defaults = Dialects.WebhookPolicy.Default;
        var timeout = map["timeout"] is { } timeoutNode ? reader.Duration(timeoutNode, "'webhooks.delivery.timeout'") : defaults.Timeout;
        if (timeout > TimeSpan.FromMinutes(5))
        {
            reader.Error(map["timeout"]!, "'webhooks.delivery.timeout' is more than 0s and at most 5m; a receiver slower than that counts as down");
        }

        var retry = defaults.Retry;
        if (map["retry"] is { } retryNode && reader.List(retryNode, "'webhooks.delivery.retry' (the waits before each retry, such as [10s, 1m]; [] for none)") is { } list)
        {
            if (list.Items.Count > 20)
            {
                reader.Error(list, $"'webhooks.delivery.retry' lists {list.Items.Count} retries; at most 20");
            }

            retry = [.. list.Items.Select(item => reader.Duration(item, "each wait in 'webhooks.delivery.retry'") ?? TimeSpan.Zero)];
        }

        var method = map["method"] is { } methodNode ? reader.Text(methodNode, "'webhooks.delivery.method'") : "POST";
        if (method is not null && !WebhookMethods.Contains(method, StringComparer.Ordinal))
        {
            reader.Error(map["method"]!, $"'webhooks.delivery.method' is POST, PUT or PATCH (upper case, as it is sent); found '{method}'");
        }

        return timeout is null ? null : new Dialects.WebhookPolicy(timeout.Value, retry) { StopOn4xx = reader.Flag(map["stop_on_4xx"], "'webhooks.delivery.stop_on_4xx'"), Method = method ?? "POST" };
    }

    // signature: { scheme: hmac_sha256_hex, header: X-DocuRift-Signature, prefix: "{{ sent_at | unix_seconds }}." }
    private SigningRule? SigningOf(YamlNode node, TemplateScope<BodyContext> headerScope)
    {
        if (reader.Map(node, "'webhooks.signature' (scheme, header, prefix)") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, "'webhooks.signature'", SignatureKeys);
        var scheme = reader.Required(map, "scheme", "'webhooks.signature'") is { } schemeNode ? reader.Text(schemeNode, "'scheme'") : null;
        if (scheme is not null && !Schemes.Contains(scheme))
        {
            reader.Error(map["scheme"]!, $"unknown signing scheme '{scheme}'; expected one of: {string.Join(", ", Schemes)}");
            scheme = null;
        }

        if (scheme == "standard_webhooks")
        {
            // Standard Webhooks fixes its headers and what is signed: nothing else to say.
            var needless = map.Entries.Where(e => e.Key.Value is "header" or "prefix" or "value").ToList();
            foreach (var entry in needless)
            {
                reader.Error(entry.Key, $"'{entry.Key.Value}' is not for standard_webhooks, which sends webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>) itself");
            }

            return needless.Count > 0 ? null : new SigningRule(scheme, "webhook-signature", null, null);
        }

        var header = reader.Required(map, "header", "'webhooks.signature'") is { } headerNode ? reader.Text(headerNode, "'header'") : null;
        var compiler = Compiler();
        var prefix = map["prefix"] is { } prefixNode ? compiler.Text(prefixNode, headerScope, "'signature.prefix'") : null;
        var valueScope = new TemplateScope<BodyContext> { What = "a signature header's value" }.WithCommonFunctions()
            .Name("signature", c => TemplateValue.Text(c.Token))
            .Name("sent_at", c => TemplateValue.Time(c.Now));
        var value = map["value"] is { } valueNode ? compiler.Text(valueNode, valueScope, "'signature.value'") : null;
        return scheme is null || header is null ? null : new SigningRule(scheme, header, prefix, value);
    }

    private static void JsonSerializerWrite(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<string> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
