using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace JobEmulator.Server;

/// <summary>
/// The methods each mapped route answers, for the request no endpoint took: a known path asked with another method
/// gets 405 and <c>Allow</c>, as a real API does, not the 404 the catch-all would give. Read from the app's endpoints
/// the first time it is needed (a cold path), so every route mapped after the emulator's counts too.
/// </summary>
internal sealed class KnownRoutes(IEndpointRouteBuilder endpoints)
{
    private readonly Lazy<List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> _routes = new(() => Read(endpoints));

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
