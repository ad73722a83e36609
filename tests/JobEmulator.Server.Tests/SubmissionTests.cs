using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>DocuRift uploads over a real socket: multipart parsing, the 50 MB limit while streaming, then polling.</summary>
[Collection(nameof(MeasuresAllocations))]
public sealed class SubmissionTests
{
    private const string Key = "frc_submit_key";

    [Fact]
    public async Task Upload_Multipart_CreatesAJobThatPollsToCompletion()
    {
        await using var server = await RunningServer.StartAsync();
        using var form = Upload("invoice.pdf", 2048, ("documentType", "invoice"));

        using var submitted = await Send(server, form);

        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var data = (await submitted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data");
        var id = data.GetProperty("id").GetString()!;
        data.GetProperty("status").GetString().Should().Be("pending");
        data.GetProperty("documentType").GetString().Should().Be("invoice");

        server.Clock.Advance(TimeSpan.FromSeconds(4));
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs/" + id);
        poll.Headers.Add("X-API-Key", Key);
        using var polled = await server.Client.SendAsync(poll, TestContext.Current.CancellationToken);
        var job = (await polled.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data");
        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("result").GetProperty("extractedFields").ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public async Task Upload_OverFiftyMegabytes_IsRefusedWith413_WithoutTheServerHoldingIt()
    {
        await using var server = await RunningServer.StartAsync();
        using var warmUp = Upload("small.pdf", 1024);
        (await Send(server, warmUp)).Dispose();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (status, body) = await RawUploadAsync(server.BaseAddress, 60L * 1024 * 1024);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        status.Should().Be(413);
        body.Should().Contain("FILE_TOO_LARGE");
        allocated.Should().BeLessThan(16L * 1024 * 1024, "the upload is refused as it streams, never buffered (client and server share this process)");
    }

    // A client that keeps sending a 60 MB multipart body from one reused buffer until the server answers or
    // hangs up: what curl does. HttpClient would report the early answer as a failed send instead.
    private static async Task<(int Status, string Body)> RawUploadAsync(Uri server, long size)
    {
        const string Boundary = "----jobemu";
        var head = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        var tail = $"\r\n--{Boundary}--\r\n";
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        var request = $"POST /v1/documents/process/async HTTP/1.1\r\nHost: {server.Host}\r\nX-API-Key: {Key}\r\n" +
            $"Content-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {head.Length + size + tail.Length}\r\n\r\n{head}";
        var answer = ReadAnswerAsync(stream);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var chunk = new byte[64 * 1024];
        try
        {
            for (long sent = 0; sent < size && !answer.IsCompleted; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)), TestContext.Current.CancellationToken);
            }
        }
        catch (IOException)
        {
            // The server answered and closed before the whole body was sent.
        }

        var text = await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    private static async Task<string> ReadAnswerAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
            var answer = text.ToString();
            var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0 && answer.EndsWith("}}", StringComparison.Ordinal))
            {
                break;
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task Upload_NotMultipart_Answers400InDocuRiftsEnvelope()
    {
        await using var server = await RunningServer.StartAsync();
        using var json = JsonContent.Create(new { file = "invoice.pdf" });

        using var answer = await Send(server, json);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        error.GetProperty("code").GetString().Should().Be("VALIDATION_ERROR");
        error.GetProperty("message").GetString().Should().Contain("multipart/form-data");
    }

    [Fact]
    public async Task Upload_AHugeTextPart_IsRefused_NotTruncatedAndAccepted()
    {
        await using var server = await RunningServer.StartAsync();
        using var form = Upload("invoice.pdf", 16);
        form.Add(new StringContent(new string('x', 200_000)), "documentType");

        using var answer = await Send(server, form);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("longer than 65536 bytes");
    }

    [Fact]
    public async Task Upload_ManyPartsUnderOneName_IsRefused()
    {
        await using var server = await RunningServer.StartAsync();
        using var form = Upload("invoice.pdf", 16);
        for (var i = 0; i < 150; i++)
        {
            form.Add(new StringContent("x"), "language");
        }

        using var answer = await Send(server, form);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("more than 100 parts");
    }

    private static MultipartFormDataContent Upload(string fileName, int size, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(new byte[size]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task<HttpResponseMessage> Send(RunningServer server, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents/process/async") { Content = content };
        request.Headers.Add("X-API-Key", Key);
        return await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
