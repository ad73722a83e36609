namespace JobEmulator.Core.Scenarios;

/// <summary>An application's credentials, exchanged for access tokens (Symbl's <c>appId</c>/<c>appSecret</c>).</summary>
/// <param name="AppId">The application id.</param>
/// <param name="AppSecret">Its secret.</param>
internal sealed record AppCredential(string AppId, string AppSecret);
