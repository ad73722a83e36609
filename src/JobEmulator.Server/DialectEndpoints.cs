using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace JobEmulator.Server;

/// <summary>
/// Every operation of every dialect the engine serves, as routing endpoints that follow the engine: when a dialect is
/// loaded, replaced or unloaded while serving (the admin API, <c>--watch</c>), the endpoints are built again and routing
/// told through the change token, so the new routes answer from the next request on.
/// </summary>
internal sealed class DialectEndpoints : EndpointDataSource, IDisposable
{
    private readonly JobEmulatorEngine _engine;
    private readonly Func<Dialect, DialectOperation, RequestDelegate> _handler;
    private readonly Lock _gate = new();
    private IReadOnlyList<Endpoint> _endpoints;
    private CancellationTokenSource _changed = new();

    public DialectEndpoints(JobEmulatorEngine engine, Func<Dialect, DialectOperation, RequestDelegate> handler)
    {
        _engine = engine;
        _handler = handler;
        _endpoints = Build();
        engine.DialectsChanged += OnDialectsChanged;
    }

    /// <summary>Stops following the engine (the host is stopping).</summary>
    public void Dispose()
    {
        _engine.DialectsChanged -= OnDialectsChanged;
        lock (_gate)
        {
            _changed.Dispose();
        }
    }

    private void OnDialectsChanged(object? sender, EventArgs e) => Rebuild();

    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref _endpoints);

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    private void Rebuild()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            Volatile.Write(ref _endpoints, Build());
            previous = _changed;
            Volatile.Write(ref _changed, new CancellationTokenSource());
        }

        previous.Cancel();
        previous.Dispose();
    }

    private List<Endpoint> Build()
    {
        var endpoints = new List<Endpoint>();
        foreach (var dialect in _engine.Dialects.All)
        {
            foreach (var operation in dialect.Operations)
            {
                var builder = new RouteEndpointBuilder(_handler(dialect, operation), RoutePatternFactory.Parse(operation.Route), order: 0)
                {
                    DisplayName = $"{dialect.Name} {operation.Kind} {operation}",
                };
                builder.Metadata.Add(new HttpMethodMetadata([operation.Method]));
                endpoints.Add(builder.Build());
            }
        }

        return endpoints;
    }
}
