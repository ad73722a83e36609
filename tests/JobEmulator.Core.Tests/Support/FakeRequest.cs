using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Tests.Support;

/// <summary>An <see cref="IEmulatorRequest"/> built by hand.</summary>
internal sealed class FakeRequest : IEmulatorRequest
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _query = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _route = new(StringComparer.OrdinalIgnoreCase);

    public string BaseUrl { get; init; } = "http://127.0.0.1:8080";

    public string Method { get; init; } = "GET";

    public string Path { get; init; } = "/";

    string IEmulatorRequest.Query => _query.Count == 0 ? string.Empty : "?" + string.Join('&', _query.Select(p => p.Key + "=" + p.Value));

    public FakeRequest Header(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public FakeRequest Query(string name, string value)
    {
        _query[name] = value;
        return this;
    }

    public FakeRequest Route(string name, string value)
    {
        _route[name] = value;
        return this;
    }

    public string? GetHeader(string name) => _headers.GetValueOrDefault(name);

    public string? GetQuery(string name) => _query.GetValueOrDefault(name);

    public string? GetRouteValue(string name) => _route.GetValueOrDefault(name);

    public RequestBody Body { get; init; } = RequestBody.Empty;

    public ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken) => ValueTask.FromResult(Body);
}
