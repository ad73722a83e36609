using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>The HTTP transport against a receiver on loopback: what it sends, and what it reports for each kind of answer.</summary>
public sealed class HttpWebhookTransportTests
{
    private static readonly byte[] EventBody = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"document.processing.completed"}""");

    [Fact]
    public async Task Send_PostsTheExactBodyAsJson_WithTheEventsHeaders_AndReportsTheReceiversStatus()
    {
        await using var receiver = LoopbackReceiver.Answering("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var transport = new HttpWebhookTransport();

        var response = await transport.SendAsync(Message(receiver.Url, ("X-DocuRift-Signature", "abc123"), ("X-DocuRift-Timestamp", "1706351400")), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.Should().Be(new WebhookResponse(204, null));
        response.Delivered.Should().BeTrue();
        var request = await receiver.Request;
        request.Line.Should().Be("POST /hook?x=1 HTTP/1.1");
        request.Header("Content-Type").Should().Be("application/json; charset=utf-8");
        request.Header("User-Agent").Should().Be("JobEmulator-Webhooks/1.0");
        request.Header("X-DocuRift-Signature").Should().Be("abc123");
        request.Header("X-DocuRift-Timestamp").Should().Be("1706351400");
        request.Body.Should().Equal(EventBody);
    }

    [Fact]
    public async Task Send_AMessageOfAnotherMethod_IsSentWithIt()
    {
        await using var receiver = LoopbackReceiver.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var transport = new HttpWebhookTransport();
        var post = Message(receiver.Url);

        var response = await transport.SendAsync(new WebhookMessage(post.Url, post.Body, post.Headers, "PUT"), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.Delivered.Should().BeTrue();
        (await receiver.Request).Line.Should().Be("PUT /hook?x=1 HTTP/1.1");
        (await receiver.Request).Body.Should().Equal(EventBody);
        post.Method.Should().Be("POST", "POST unless said otherwise");
    }

    [Fact]
    public async Task Send_ARedirect_IsReportedAsTheReceiversAnswer_NotFollowed()
    {
        await using var receiver = LoopbackReceiver.Answering("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var transport = new HttpWebhookTransport();

        var response = await transport.SendAsync(Message(receiver.Url), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.Should().Be(new WebhookResponse(302, null));
        response.Delivered.Should().BeFalse();
        receiver.Requests.Should().Be(1);
    }

    [Fact]
    public void TheTransportsOwnClient_HasNoTimeOutOfItsOwn_SoAScenariosLongerOneHolds()
    {
        using var client = HttpWebhookTransport.NewClient();

        client.Timeout.Should().Be(Timeout.InfiniteTimeSpan, "HttpClient's default 100 s would cut 'webhooks.timeout' values up to 5m");
    }

    [Fact]
    public async Task Send_AReceiverThatDoesNotAnswerInTime_FailsWithTheTimeOut()
    {
        await using var receiver = LoopbackReceiver.Silent();
        using var transport = new HttpWebhookTransport();

        var response = await transport.SendAsync(Message(receiver.Url), TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);

        response.Should().Be(new WebhookResponse(null, "timed out after 0.25 s"));
    }

    [Fact]
    public async Task Send_AReceiverThatHangsUp_FailsWithTheKindOfErrorAndItsMessage()
    {
        await using var receiver = LoopbackReceiver.HangingUp();
        using var transport = new HttpWebhookTransport();

        var response = await transport.SendAsync(Message(receiver.Url), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.StatusCode.Should().BeNull();
        response.Error.Should().MatchRegex("^ResponseEnded: .+", "the kind of failure goes before the message");
    }

    [Fact]
    public async Task Send_NobodyListening_FailsWithTheConnectionError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var transport = new HttpWebhookTransport();

        var response = await transport.SendAsync(Message(new Uri($"http://127.0.0.1:{port}/hook")), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.StatusCode.Should().BeNull();
        response.Error.Should().StartWith("ConnectionError: ");
    }

    [Fact]
    public async Task Send_CancelledByItsCaller_ThrowsRatherThanReportingATimeOut()
    {
        await using var receiver = LoopbackReceiver.Silent();
        using var transport = new HttpWebhookTransport();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var sending = transport.SendAsync(Message(receiver.Url), TimeSpan.FromSeconds(30), cancellation.Token).AsTask();
        await receiver.Request;
        await cancellation.CancelAsync();

        Func<Task> sent = () => sending;
        await sent.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Send_AFailureOfNoKnownKind_IsReportedByItsMessageAlone()
    {
        using var transport = new HttpWebhookTransport(new HttpClient(new RefusingHandler()));

        var response = await transport.SendAsync(Message(new Uri("http://127.0.0.1:9/")), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        response.Should().Be(new WebhookResponse(null, "the proxy refused the request"));
    }

    private static WebhookMessage Message(Uri url, params (string Name, string Value)[] headers) =>
        new(new Uri(url, "/hook?x=1"), EventBody, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))]);

    /// <summary>A handler (a user's own, say) that fails every request with an error of no known kind.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("the proxy refused the request"));
    }

    /// <summary>A receiver on 127.0.0.1 that takes one connection: answers its request with the given text, or holds it, or hangs up.</summary>
    private sealed class LoopbackReceiver : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource<ReceivedRequest> _request = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;
        private int _requests;

        private LoopbackReceiver(string? answer, bool hangUp)
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _serving = ServeAsync(answer, hangUp, _stop.Token);
        }

        public Uri Url { get; }

        public Task<ReceivedRequest> Request => _request.Task;

        public int Requests => Volatile.Read(ref _requests);

        public static LoopbackReceiver Answering(string response) => new(response, hangUp: false);

        public static LoopbackReceiver Silent() => new(null, hangUp: false);

        public static LoopbackReceiver HangingUp() => new(null, hangUp: true);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(string? answer, bool hangUp, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(stop);
                var stream = client.GetStream();
                var request = await ReadAsync(stream, stop);
                Interlocked.Increment(ref _requests);
                _request.TrySetResult(request);
                if (hangUp)
                {
                    client.Client.Shutdown(SocketShutdown.Both);
                    continue;
                }

                if (answer is null)
                {
                    await Task.Delay(Timeout.Infinite, stop);
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer!), stop);
                await stream.FlushAsync(stop);
            }
        }

        private static async Task<ReceivedRequest> ReadAsync(NetworkStream stream, CancellationToken stop)
        {
            var buffer = new List<byte>();
            var chunk = new byte[4096];
            int headEnd;
            while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
            {
                var read = await stream.ReadAsync(chunk, stop);
                if (read == 0)
                {
                    throw new IOException("the connection closed before the request's head ended");
                }

                buffer.AddRange(chunk.Take(read));
            }

            var head = Encoding.ASCII.GetString(buffer.Take(headEnd).ToArray()).Split("\r\n");
            var headers = head.Skip(1).Select(line => line.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
            var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            while (buffer.Count < headEnd + 4 + length)
            {
                var read = await stream.ReadAsync(chunk, stop);
                if (read == 0)
                {
                    break;
                }

                buffer.AddRange(chunk.Take(read));
            }

            return new ReceivedRequest(head[0], headers, [.. buffer.Skip(headEnd + 4).Take(length)]);
        }

        private static int IndexOfHeadEnd(List<byte> buffer)
        {
            for (var i = 0; i + 3 < buffer.Count; i++)
            {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }

    private sealed record ReceivedRequest(string Line, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<byte> Body)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }
}
