namespace JobEmulator.Core.Dialects.Operations;

/// <summary>One place a credential travels; an operation lists the places it accepts, tried in order.</summary>
/// <param name="Location">Where it travels.</param>
/// <param name="Name">The header or query parameter name (<c>X-API-Key</c>, <c>apikey</c>); empty for bearer tokens.</param>
internal sealed record CredentialSource(CredentialLocation Location, string Name)
{
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public static CredentialSource Bearer { get; } = new(CredentialLocation.Bearer, "Authorization");

    /// <summary>A bare key in <c>Authorization</c> (DocuRift's "Bearer token or API key").</summary>
    public static CredentialSource BareAuthorization { get; } = new(CredentialLocation.BareAuthorization, "Authorization");

    /// <summary>A header such as <c>X-API-Key</c>.</summary>
    public static CredentialSource Header(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(CredentialLocation.Header, name);
    }

    /// <summary>A query parameter such as <c>apikey</c>.</summary>
    public static CredentialSource Query(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(CredentialLocation.Query, name);
    }

    /// <summary>The credential found here, or null when absent, blank or malformed.</summary>
    public string? Read(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Location switch
        {
            CredentialLocation.Bearer => Credentials.Bearer(request),
            CredentialLocation.Header => Credentials.Header(request, Name),
            CredentialLocation.Query => Credentials.Query(request, Name),
            _ => Credentials.Header(request, Name) is { } bare && !bare.Contains(' ', StringComparison.Ordinal) ? bare : null,
        };
    }

    /// <summary>How a person would write it (<c>X-API-Key: &lt;key&gt;</c>).</summary>
    public override string ToString() => Location switch
    {
        CredentialLocation.Bearer => "Authorization: Bearer <token>",
        CredentialLocation.Header => $"{Name}: <key>",
        CredentialLocation.Query => $"?{Name}=<key>",
        _ => "Authorization: <key>",
    };
}
