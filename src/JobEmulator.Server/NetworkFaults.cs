using System.Net.Sockets;
using JobEmulator.Core.Scenarios;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace JobEmulator.Server;

/// <summary>
/// Produces a scripted network fault for real. On Kestrel it acts on the socket: a reset is an RST (linger 0, then
/// abort), an empty reply a graceful close (FIN) with nothing sent, a truncated body half the bytes under the full
/// <c>Content-Length</c> and then a graceful close. Without a socket (TestServer), it answers with the
/// <see cref="MarkerHeader"/> for the testing library's handler to turn into what a socket client would see.
/// A malformed body and a hang need no socket: the first is sent as it is, the second waits for the client to go.
/// </summary>
public static class NetworkFaults
{
    /// <summary>The header that carries the fault to an in-memory client's handler when there is no socket to act on.</summary>
    public const string MarkerHeader = "X-JobEmulator-Network-Fault";

    // A graceful close (FIN) first, so the client reads the end of the stream rather than a reset; Kestrel's own
    // abort alone resets the connection.
    private static void Close(Socket socket, HttpContext context)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        context.Abort();
    }

    /// <summary>Produces <paramref name="fault"/> on <paramref name="context"/>'s connection; <paramref name="body"/> is what a normal answer would have carried.</summary>
    public static async Task ProduceAsync(HttpContext context, ReadOnlyMemory<byte> body, NetworkFault fault)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        var response = context.Response;
        switch (fault)
        {
            case NetworkFault.Hang:
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, or the server is stopping.
                }

                return;
            case NetworkFault.Malformed:
                var cut = body[..(body.Length * 3 / 5)];
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = cut.Length;
                await response.Body.WriteAsync(cut, context.RequestAborted).ConfigureAwait(false);
                return;
            case NetworkFault.Truncated when socket is not null:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);

                // The flush reaches Kestrel's transport, not yet the wire: give it a moment (real time, a network
                // nicety) so the half body goes out before the close.
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
                Close(socket, context);
                return;
            case NetworkFault.Reset when socket is not null:
                // Linger 0 turns the close into an RST.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                context.Abort();
                return;
            case NetworkFault.Empty when socket is not null:
                Close(socket, context);
                return;
            default:
                // In memory: no socket to act on; the testing library's handler reads the marker.
                response.StatusCode = StatusCodes.Status502BadGateway;
                response.Headers[MarkerHeader] = fault.ToString().ToLowerInvariant();
                if (fault == NetworkFault.Truncated)
                {
                    response.ContentType = "application/json; charset=utf-8";
                    await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted).ConfigureAwait(false);
                }

                return;
        }
    }
}
