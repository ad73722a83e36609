using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace JobEmulator.LoadTargets;

/// <summary>The usual alternative: WireMock.Net answering the same body from a static mapping.</summary>
internal static class WireMockStatic
{
    public static async Task RunAsync(int port, byte[] body, string apiKey)
    {
        using var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            MaxRequestLogCount = 1000,
        });
        server.Given(Request.Create().WithPath("/v1/jobs/*").UsingGet().WithHeader("X-API-Key", apiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        Console.WriteLine($"WireMock.Net listening on {server.Url}");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
