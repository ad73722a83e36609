using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>DocuRift uploads over a real socket: multipart parsing, the 50 MB limit while streaming, then polling.</summary>
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
        const long size = 60L * 1024 * 1024;
        using var form = new MultipartFormDataContent();
        form.Add(new ZeroStreamContent(size), "file", "huge.pdf");
        using var warmUp = Upload("small.pdf", 1024);
        (await Send(server, warmUp)).Dispose();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var refused = await Send(server, form);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        refused.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        error.GetProperty("code").GetString().Should().Be("FILE_TOO_LARGE");
        allocated.Should().BeLessThan(16L * 1024 * 1024, "the upload is counted as it streams, never buffered (client and server share this process)");
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

    // Streams zeros from one reused buffer, so the client side allocates nothing per chunk either.
    private sealed class ZeroStreamContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += chunk.Length)
            {
                try
                {
                    await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
                }
                catch (IOException)
                {
                    return; // the server answered 413 and stopped reading
                }
                catch (HttpRequestException)
                {
                    return;
                }
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
