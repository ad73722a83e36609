using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace JobEmulator.Server;

/// <summary>
/// The methods each mapped route answers, for the request no endpoint took: a known path asked with another method
/// gets 405 and <c>Allow</c>, as a real API does, not the 404 the catch-all would give. Read from the app's endpoints
/// the first time it is needed (a cold path), so every route mapped after the emulator's counts too.
/// </summary>
internal sealed class KnownRoutes(IEndpointRouteBuilder endpoints, IReadOnlyList<Core.Dialects.Dialect> dialects)
{
    private readonly Lazy<List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> _routes = new(() => Read(endpoints));

    /// <summary>
    /// The dialect whose <see cref="Core.Dialects.Dialect.PathPrefixes"/> hold <paramref name="path"/> most closely (the
    /// most segments matched); null when none does, or two hold it equally.
    /// </summary>
    public Core.Dialects.Dialect? OwnerOf(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        Core.Dialects.Dialect? owner = null;
        var best = 0;
        var tied = false;
        foreach (var dialect in dialects)
        {
            foreach (var prefix in dialect.PathPrefixes)
            {
                var wanted = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (wanted.Length > segments.Length || !wanted.Select((w, i) => w.StartsWith('{') || string.Equals(w, segments[i], StringComparison.OrdinalIgnoreCase)).All(match => match))
                {
                    continue;
                }

                if (wanted.Length > best)
                {
                    (owner, best, tied) = (dialect, wanted.Length, false);
                }
                else if (wanted.Length == best && !ReferenceEquals(owner, dialect))
                {
                    tied = true;
                }
            }
        }

        return tied ? null : owner;
    }

    /// <summary>The methods <paramref name="path"/> is answered to, in alphabetical order; empty when no route has it.</summary>
    public IReadOnlyList<string> MethodsFor(PathString path)
    {
        var methods = new List<string>();
        foreach (var (matcher, allowed) in _routes.Value)
        {
            if (matcher.TryMatch(path, []))
            {
                methods.AddRange(allowed.Where(method => !methods.Contains(method, StringComparer.OrdinalIgnoreCase)));
            }
        }

        methods.Sort(StringComparer.Ordinal);
        return methods;
    }

    private static List<(TemplateMatcher, IReadOnlyList<string>)> Read(IEndpointRouteBuilder endpoints) =>
    [
        .. endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.Parameters.All(parameter => !parameter.IsCatchAll)
                && endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Select(endpoint => (new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText!.TrimStart('/')), []), endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)),
    ];
}
