using JobEmulator.Core.Dialects;
using Microsoft.AspNetCore.Http;

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
}
