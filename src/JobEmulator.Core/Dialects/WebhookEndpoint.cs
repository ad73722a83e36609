

namespace JobEmulator.Core.Dialects;

/// <summary>A webhook endpoint a client registered (DocuRift's <c>POST /v1/webhooks</c>): it hears its scenario's jobs.</summary>
/// <param name="Id">Its id (<c>wh_…</c>).</param>
/// <param name="Url">Where events go.</param>
/// <param name="Events">The event types it subscribed to.</param>
/// <param name="Secret">The secret events to it are signed with.</param>
/// <param name="Active">False: registered but sent nothing.</param>
/// <param name="CreatedAt">When it was registered, on the emulator's clock.</param>
/// <param name="Owner">The scenario whose jobs it hears (the one the registering credential opens), compared by reference: the
/// engine's registry scopes endpoints by it; a dialect only writes the endpoint's own fields.</param>
internal sealed record WebhookEndpoint(string Id, Uri Url, IReadOnlyList<string> Events, string Secret, bool Active, DateTimeOffset CreatedAt, object Owner);
