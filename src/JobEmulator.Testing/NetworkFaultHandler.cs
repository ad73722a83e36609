using System.Net;
using JobEmulator.Server;

namespace JobEmulator.Testing;

/// <summary>
/// In memory there is no socket for a scripted network fault to act on: the server answers with a marker, and
/// this handler turns it into what a client on a real socket sees — an <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConnectionError"/> for a reset, with <see cref="HttpRequestError.ResponseEnded"/> for an
/// empty reply, and a body that ends early (<see cref="HttpIOException"/>) for a truncated one.
/// </summary>
internal sealed class NetworkFaultHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.Headers.TryGetValues(NetworkFaults.MarkerHeader, out var values))
        {
            return response;
        }

        var fault = values.FirstOrDefault();
        switch (fault)
        {
            case "reset":
                response.Dispose();
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    "An existing connection was forcibly closed by the remote host (a scripted network fault: reset).",
                    new IOException("Connection reset by peer"));
            case "empty":
                response.Dispose();
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded,
                    "The server returned an empty reply (a scripted network fault: empty).",
                    new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
            default:
                var partial = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                response.StatusCode = HttpStatusCode.OK;
                response.Headers.Remove(NetworkFaults.MarkerHeader);
                var content = new StreamContent(new EndsEarlyStream(partial));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                response.Content.Dispose();
                response.Content = content;
                return response;
        }
    }

    // Gives the bytes that arrived, then fails as a socket whose peer closed mid-body does.
    private sealed class EndsEarlyStream(byte[] partial) : MemoryStream(partial, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => Check(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Check(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Check(await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private static int Check(int read) => read > 0
            ? read
            : throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely (a scripted network fault: truncated).");
    }
}
