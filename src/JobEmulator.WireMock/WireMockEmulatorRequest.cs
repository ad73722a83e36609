using System.Text.RegularExpressions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Server;
using WireMock;

namespace JobEmulator.WireMock;

/// <summary>
/// Presents a WireMock.Net request to a dialect; route values come from the route's own pattern, matched
/// against WireMock's already-decoded path.
/// </summary>
internal sealed class WireMockEmulatorRequest(IRequestMessage request, Match route) : IEmulatorRequest
{
    public string Method => request.Method;

    public string Path => request.AbsolutePath;

    public string Query => request.RawQuery is { Length: > 0 } raw ? (raw[0] == '?' ? raw : "?" + raw) : string.Empty;

    public string BaseUrl => $"{request.Protocol}://{request.Host}:{request.Port}";

    public string? GetHeader(string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var (key, values) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(",", values);
            }
        }

        return null;
    }

    public string? GetQuery(string name) =>
        request.Query is not null && request.Query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public string? GetRouteValue(string name) =>
        route.Groups[name] is { Success: true } group ? group.Value : null;

    // WireMock has already read the whole body into memory; the limit is still enforced, after the fact.
    public async ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = request.BodyAsBytes ?? (request.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : []);
        using var stream = new MemoryStream(bytes, writable: false);
        return await RequestBodyReader.ReadAsync(stream, GetHeader("Content-Type"), format, maxBytes, cancellationToken).ConfigureAwait(false);
    }
}
