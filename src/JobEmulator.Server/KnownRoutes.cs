using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace JobEmulator.Server;

/// <summary>
/// The methods each mapped route answers, for the request no endpoint took: a known path asked with another method
/// gets 405 and <c>Allow</c>, as a real API does, not the 404 the catch-all would give. Read from the app's endpoints
/// the first time it is needed (a cold path), so every route mapped after the emulator's counts too.
/// </summary>
internal sealed class KnownRoutes
{
    private readonly IEndpointRouteBuilder _endpoints;
    private readonly Core.Engine.JobEmulatorEngine _engine;
    private List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>? _routes;
    private int _generation;

    public KnownRoutes(IEndpointRouteBuilder endpoints, Core.Engine.JobEmulatorEngine engine)
    {
        _endpoints = endpoints;
        _engine = engine;
        // A dialect loaded or unloaded while serving changes the routes: read them again when next needed.
        engine.DialectsChanged += (_, _) =>
        {
            Interlocked.Increment(ref _generation);
            Volatile.Write(ref _routes, null);
        };
    }

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
        foreach (var dialect in _engine.Dialects.All)
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
        var generation = Volatile.Read(ref _generation);
        var routes = Volatile.Read(ref _routes);
        if (routes is null)
        {
            // Kept only if no change came meanwhile (else they may have been read from the routes before it).
            routes = Read(_endpoints);
            if (generation == Volatile.Read(ref _generation))
            {
                Interlocked.CompareExchange(ref _routes, routes, null);
            }
        }

        foreach (var (matcher, allowed) in routes)
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
