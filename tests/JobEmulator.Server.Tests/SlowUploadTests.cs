using System.Globalization;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// Multipart uploads over a raw socket at the pace a slow or broken client sends them: slow but steady is accepted;
/// stalled past Kestrel's minimum data rate (240 bytes/s after a 5 s grace, <c>JobEmulatorApp.ApplyLimits</c>) is cut
/// off with the vendor's 400 saying so, while other clients are served; cut short by the client creates nothing and
/// answers no 5xx. These wait on the wall clock on purpose: the rate is Kestrel's, measured in real time.
/// </summary>
public sealed class SlowUploadTests
{
    private const string Key = "frc_submit_key";
    private const string Boundary = "----jobemu-slow";

    private static byte[] Head(long fileBytes)
    {
        var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        var length = part.Length + fileBytes + Tail.Length;
        return Encoding.ASCII.GetBytes(
            $"POST /v1/documents/process/async HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {Key}\r\n" +
            $"Content-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n{part}");
    }

    private static byte[] Tail => Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");

    [Fact]
    public async Task ASlowButSteadyUpload_IsAccepted()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = await ConnectAsync(server);
        var stream = client.GetStream();

        // 8 KB in 512-byte pieces every 100 ms: about 5 KB/s, well above the minimum rate, for 1.6 s.
        await stream.WriteAsync(Head(8 * 1024), TestContext.Current.CancellationToken);
        for (var piece = 0; piece < 16; piece++)
        {
            await stream.WriteAsync(new byte[512], TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, TestContext.Current.CancellationToken);
        }

        await stream.WriteAsync(Tail, TestContext.Current.CancellationToken);
        var answer = await ReadAnswerAsync(stream);

        answer.Should().StartWith("HTTP/1.1 202").And.Contain("\"status\":\"pending\"");
    }

    [Fact]
    public async Task UploadsThatStall_AreCutOffWithTheVendors400_WhileOtherClientsAreServed()
    {
        await using var server = await RunningServer.StartAsync();
        var stalled = new List<TcpClient>();
        try
        {
            // Ten uploads send their headers and 100 bytes of a 100 KB file, then nothing more.
            for (var i = 0; i < 10; i++)
            {
                var client = await ConnectAsync(server);
                stalled.Add(client);
                await client.GetStream().WriteAsync(Head(100 * 1024), TestContext.Current.CancellationToken);
                await client.GetStream().WriteAsync(new byte[100], TestContext.Current.CancellationToken);
            }

            // Meanwhile other clients are answered as usual.
            for (var i = 0; i < 20; i++)
            {
                using var health = await server.Client.GetAsync(new Uri("/__admin/health", UriKind.Relative), TestContext.Current.CancellationToken);
                ((int)health.StatusCode).Should().Be(200);
            }

            // Past the 5 s grace at under 240 bytes/s, Kestrel stops the read; the upload gets DocuRift's validation error.
            var answers = await Task.WhenAll(stalled.Select(c => ReadAnswerAsync(c.GetStream()).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)));

            answers.Should().AllSatisfy(a => a.Should().StartWith("HTTP/1.1 400").And.Contain("VALIDATION_ERROR").And.Contain("arriving too slowly"));
            server.Logs.Lines.Should().NotContain(line => line.Contains("failed inside the emulator", StringComparison.Ordinal));
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task AnUploadTheClientCutsShort_CreatesNothing_AndAnswersNo5xx()
    {
        await using var server = await RunningServer.StartAsync();
        var jobsBefore = await JobCountAsync(server);
        using var client = await ConnectAsync(server);
        var stream = client.GetStream();

        await stream.WriteAsync(Head(10 * 1024), TestContext.Current.CancellationToken);
        await stream.WriteAsync(new byte[4 * 1024], TestContext.Current.CancellationToken);
        client.Client.Shutdown(SocketShutdown.Send);
        var answer = await ReadAnswerAsync(stream).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // Kestrel treats the end of the client's sending as the connection going away: it may close without an answer.
        if (answer.Length > 0)
        {
            answer.Should().StartWith("HTTP/1.1 400");
        }

        (await JobCountAsync(server)).Should().Be(jobsBefore, "a cut-short upload creates no job");
        server.Logs.Lines.Should().NotContain(line => line.Contains("failed inside the emulator", StringComparison.Ordinal));
        using var health = await server.Client.GetAsync(new Uri("/__admin/health", UriKind.Relative), TestContext.Current.CancellationToken);
        ((int)health.StatusCode).Should().Be(200);
    }

    private static async Task<int> JobCountAsync(RunningServer server)
    {
        using var health = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/__admin/health", UriKind.Relative), TestContext.Current.CancellationToken));
        return health.RootElement.GetProperty("jobs").GetInt32();
    }

    private static async Task<TcpClient> ConnectAsync(RunningServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port, TestContext.Current.CancellationToken);
        return client;
    }

    // Everything the server sends until it closes the connection or a whole JSON answer has arrived.
    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var answer = text.ToString();
                var body = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (body > 0 && (answer.EndsWith('}') || answer.Contains("Content-Length: 0", StringComparison.OrdinalIgnoreCase)))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }

        return text.ToString();
    }
}
