using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace JobEmulator.Server;

/// <summary>Presents an ASP.NET Core request to a dialect.</summary>
internal sealed class HttpEmulatorRequest(HttpRequest request) : IEmulatorRequest
{
    public string Method => request.Method;

    public string Path => request.Path.Value ?? "/";

    public string Query => request.QueryString.Value ?? string.Empty;

    public string BaseUrl => string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);

    public string? GetHeader(string name) => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public string? GetQuery(string name) => request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public string? GetRouteValue(string name) => request.RouteValues.TryGetValue(name, out var value) ? value as string : null;

    public ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken)
    {
        // Kestrel's own cap (30 MB by default) would cut a vendor's larger limit short: raise it to the operation's
        // limit plus room for multipart framing. The reader enforces the exact limit while streaming.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + (1024 * 1024);
        }

        return RequestBodyReader.ReadAsync(request.Body, request.ContentType, format, maxBytes, cancellationToken);
    }
}
