namespace JobEmulator.Core.Dialects;

/// <summary>How vendors carry credentials; each returns null when the credential is absent or malformed.</summary>
internal static class Credentials
{
    /// <summary>The token of <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public static string? Bearer(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.GetHeader("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(7).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    /// <summary>The value of a header such as <c>X-API-Key</c>.</summary>
    public static string? Header(IEmulatorRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NullIfBlank(request.GetHeader(name));
    }

    /// <summary>The value of a query parameter such as <c>apikey</c>.</summary>
    public static string? Query(IEmulatorRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NullIfBlank(request.GetQuery(name));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
