using System.Buffers;
using System.Text.RegularExpressions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Testing;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace JobEmulator.WireMock;

/// <summary>
/// JobEmulator's dialect operations registered as mappings on a <see cref="WireMockServer"/>: each mapping
/// answers through the same engine as the standalone emulator, so scenarios, faults and the journal
/// behave the same. Create it with <c>server.AddJobEmulator(…)</c>.
/// </summary>
public sealed class WireMockJobEmulator : InProcessEmulator
{
    private readonly WireMockServer _server;
    private readonly OperationDispatcher _dispatcher;
    private readonly EmulatorSetup _setup;
    private readonly List<Guid> _mappings = [];

    internal WireMockJobEmulator(WireMockServer server, WireMockJobEmulatorOptions options)
        : this(server, options, EmulatorSetup.Create(options))
    {
    }

    private WireMockJobEmulator(WireMockServer server, WireMockJobEmulatorOptions options, EmulatorSetup setup)
        : base(new JobEmulatorEngine(setup.Scenarios, setup.Time, setup.Scenarios.Dialects, new RequestJournal(options.JournalCapacity), setup.EngineOptions()), setup)
    {
        _server = server;
        _setup = setup;
        _dispatcher = new OperationDispatcher(Engine);
        foreach (var dialect in Engine.Dialects.All)
        {
            foreach (var operation in dialect.Operations)
            {
                var route = RoutePattern(operation.Route);
                var guid = Guid.NewGuid();
                server.Given(Request.Create().UsingMethod(operation.Method).WithPath(new RegexMatcher(route.ToString(), ignoreCase: true)))
                    .WithGuid(guid)
                    .WithTitle($"JobEmulator {dialect.Name} {operation.Kind} {operation}")
                    .AtPriority(options.Priority)
                    .RespondWith(Response.Create().WithCallback(request => Answer(dialect, operation, route, request)));
                _mappings.Add(guid);
            }
        }
    }

    /// <summary>The ids of the WireMock mappings the emulator added, one per dialect operation.</summary>
    public IReadOnlyList<Guid> MappingIds => _mappings;

    /// <summary>
    /// Puts the clock, scenarios, jobs and journal back as they started. WireMock's own mappings and log
    /// are not touched (use <c>server.ResetLogEntries()</c> for those).
    /// </summary>
    public void Reset() => ResetEmulator();

    /// <summary>Removes the emulator's mappings from the server, leaving every other mapping in place, and stops its scheduled work (webhooks).</summary>
    public void Remove()
    {
        Engine.Dispose();
        _setup.Dispose();
        foreach (var guid in _mappings)
        {
            _server.DeleteMapping(guid);
        }

        _mappings.Clear();
    }

    // WireMock's own faults are the closest it has: an empty response for a reset or an empty reply, a malformed
    // chunk for a truncated body; a hang is held for 10 minutes on the emulator's clock.
    private ResponseMessage NetworkFault(Core.Scenarios.NetworkFault network, byte[] body)
    {
        var response = new ResponseMessage { StatusCode = 200 };
        response.AddHeader("Content-Type", OperationResponse.ContentType);
        switch (network)
        {
            case Core.Scenarios.NetworkFault.Malformed:
                response.BodyData = new BodyData { BodyAsBytes = body[..(body.Length * 3 / 5)], DetectedBodyType = BodyType.Bytes };
                break;
            case Core.Scenarios.NetworkFault.Truncated:
                response.BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes };
                response.FaultType = FaultType.MALFORMED_RESPONSE_CHUNK;
                break;
            case Core.Scenarios.NetworkFault.Hang:
                Engine.Scheduler.DelayAsync(TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
                response.FaultType = FaultType.EMPTY_RESPONSE;
                break;
            default:
                response.FaultType = FaultType.EMPTY_RESPONSE;
                break;
        }

        return response;
    }

    // "/v1/jobs/{id}" -> ^/v1/jobs/(?<id>[^/]+)$ : one path segment per route value, letter case ignored, as ASP.NET routing matches.
    internal static Regex RoutePattern(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"\\\{(\w+)}", "(?<$1>[^/]+)");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    }

    // WireMock's callbacks are synchronous; an operation that reads a body reads WireMock's buffered copy, so it never waits on a socket.
    private ResponseMessage Answer(Dialect dialect, DialectOperation operation, Regex route, IRequestMessage request)
    {
        var body = new ArrayBufferWriter<byte>(512);
        var head = _dispatcher.HandleAsync(dialect, operation, new WireMockEmulatorRequest(request, route.Match(request.AbsolutePath)), body).AsTask().GetAwaiter().GetResult();
        if (head.Delay is { } delay && delay > TimeSpan.Zero)
        {
            // WireMock's callback is synchronous: the scripted latency is waited here, on the emulator's clock.
            Engine.Scheduler.DelayAsync(delay).GetAwaiter().GetResult();
        }

        if (head.Network is { } network)
        {
            return NetworkFault(network, body.WrittenSpan.ToArray());
        }

        var response = new ResponseMessage
        {
            StatusCode = head.StatusCode,
            BodyData = new BodyData { BodyAsBytes = body.WrittenSpan.ToArray(), DetectedBodyType = BodyType.Bytes },
        };
        response.AddHeader("Content-Type", OperationResponse.ContentType);
        head.WriteHeaders(response, static (answer, name, value) => answer.AddHeader(name, value));

        return response;
    }
}
