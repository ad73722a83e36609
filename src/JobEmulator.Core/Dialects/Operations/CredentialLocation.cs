namespace JobEmulator.Core.Dialects.Operations;

/// <summary>Where a request carries its credential.</summary>
internal enum CredentialLocation
{
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Bearer,

    /// <summary>A header of its own, such as <c>X-API-Key</c>.</summary>
    Header,

    /// <summary>A query parameter, such as <c>?apikey=</c>.</summary>
    Query,

    /// <summary>A bare key in <c>Authorization</c>, with no scheme word.</summary>
    BareAuthorization,
}
