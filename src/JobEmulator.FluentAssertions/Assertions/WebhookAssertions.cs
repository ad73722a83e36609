using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace JobEmulator.Testing.Assertions;

/// <summary>
/// Assertions about the webhooks the emulator sent, read from <c>emulator.Webhooks</c> as it is when called (every
/// attempt, retries included). A failure lists every webhook sent so far.
/// </summary>
public sealed class WebhookAssertions : ReferenceTypeAssertions<WebhookSink, WebhookAssertions>
{
    /// <summary>Creates the assertions over <paramref name="webhooks"/>.</summary>
    public WebhookAssertions(WebhookSink webhooks)
        : base(webhooks)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "webhooks";

    /// <summary>At least one webhook of <paramref name="eventType"/> was sent (DocuRift's <c>document.processing.completed</c>).</summary>
    public AndWhichConstraint<WebhookAssertions, ReceivedWebhook> HaveSentEvent(string eventType, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return HaveSentMatching(webhook => string.Equals(webhook.EventType, eventType, StringComparison.Ordinal), $"a webhook of type {eventType}", because, becauseArgs);
    }

    /// <summary>
    /// At least one webhook names job <paramref name="jobId"/>: any string in its JSON body equals it, so this holds for
    /// every dialect's shape (<c>jobId</c>, <c>request_id</c>, <c>data.job_id</c>).
    /// </summary>
    public AndWhichConstraint<WebhookAssertions, ReceivedWebhook> HaveSentFor(string jobId, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return HaveSentMatching(webhook => Names(webhook.Json, jobId), $"a webhook naming job {jobId}", because, becauseArgs);
    }

    /// <summary>Exactly <paramref name="count"/> webhooks were sent (retries count).</summary>
    public AndConstraint<WebhookAssertions> HaveSent(int count, string because = "", params object[] becauseArgs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sent = Subject.Received;
        Fail(sent.Count == count, because, becauseArgs, $"Expected {Count(count)} to be sent", sent);
        return new AndConstraint<WebhookAssertions>(this);
    }

    /// <summary>No webhook was sent.</summary>
    public AndConstraint<WebhookAssertions> HaveSentNone(string because = "", params object[] becauseArgs) => HaveSent(0, because, becauseArgs);

    /// <summary>Every webhook sent so far was answered 2xx by its receiver.</summary>
    public AndConstraint<WebhookAssertions> HaveAllBeenDelivered(string because = "", params object[] becauseArgs)
    {
        var sent = Subject.Received;
        Fail(sent.All(webhook => webhook.Response.Delivered), because, becauseArgs, "Expected every webhook to be answered 2xx", sent);
        return new AndConstraint<WebhookAssertions>(this);
    }

    /// <summary>At least one webhook was sent, and every one carries the vendor's signature made with <paramref name="secret"/>.</summary>
    public AndConstraint<WebhookAssertions> HaveAllBeenSignedWith(string secret, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var sent = Subject.Received;
        Fail(sent.Count > 0 && sent.All(webhook => webhook.IsSignedWith(secret)), because, becauseArgs, "Expected at least one webhook, each signed with the given secret", sent);
        return new AndConstraint<WebhookAssertions>(this);
    }

    private AndWhichConstraint<WebhookAssertions, ReceivedWebhook> HaveSentMatching(Func<ReceivedWebhook, bool> match, string what, string because, object[] becauseArgs)
    {
        var sent = Subject.Received;
        var found = sent.FirstOrDefault(match);
        Fail(found is not null, because, becauseArgs, "Expected " + what, sent);
        return new AndWhichConstraint<WebhookAssertions, ReceivedWebhook>(this, found!);
    }

    private static void Fail(bool condition, string because, object[] becauseArgs, string expected, IReadOnlyList<ReceivedWebhook> sent)
    {
        if (condition)
        {
            return;
        }

        var text = new StringBuilder(Escape(expected)).Append("{reason}, but ");
        text.Append(sent.Count == 0 ? "none was sent." : Count(sent.Count) + " sent:");
        for (var i = 0; i < sent.Count; i++)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {i + 1}. ").Append(Escape(sent[i].ToString()));
        }

        Execute.Assertion.BecauseOf(because, becauseArgs).FailWith(text.ToString());
    }

    private static string Count(int count) => count == 1 ? "1 webhook" : $"{count} webhooks";

    private static bool Names(JsonElement element, string value) => element.ValueKind switch
    {
        JsonValueKind.String => element.ValueEquals(value),
        JsonValueKind.Object => element.EnumerateObject().Any(property => Names(property.Value, value)),
        JsonValueKind.Array => element.EnumerateArray().Any(item => Names(item, value)),
        _ => false,
    };

    // FluentAssertions reads {braces} in a message as placeholders.
    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
