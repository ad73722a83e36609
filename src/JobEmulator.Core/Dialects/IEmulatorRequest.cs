using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// The parts of an HTTP request a dialect reads. Hosts (ASP.NET Core, WireMock.Net) implement it over
/// their own request type, so the core never references a web framework.
/// </summary>
public interface IEmulatorRequest
{
    /// <summary>The HTTP method (<c>GET</c>), for the request journal.</summary>
    string Method { get; }

    /// <summary>The path without the query string (<c>/v1/jobs/job_1</c>), for the request journal.</summary>
    string Path { get; }

    /// <summary>The raw query string including its leading <c>?</c>, or empty, for the request journal.</summary>
    string Query { get; }

    /// <summary>Scheme, host and path base the client used, without a trailing slash (<c>http://127.0.0.1:8080</c>).</summary>
    string BaseUrl { get; }

    /// <summary>A request header's value, or null when absent.</summary>
    string? GetHeader(string name);

    /// <summary>A query parameter's value, or null when absent.</summary>
    string? GetQuery(string name);

    /// <summary>A value captured by the route template (<c>{id}</c>), or null when absent.</summary>
    string? GetRouteValue(string name);

    /// <summary>
    /// Reads the body as <paramref name="format"/>, counting bytes as they stream and stopping at
    /// <paramref name="maxBytes"/> (<see cref="BodyReadStatus.TooLarge"/>); file parts are counted, never kept.
    /// </summary>
    ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken);
}
