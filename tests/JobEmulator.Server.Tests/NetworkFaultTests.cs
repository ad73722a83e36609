using System.Net;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>Scripted network faults, as a real HttpClient sees them over loopback (one job per fault, failing every poll).</summary>
public sealed class NetworkFaultTests : IAsyncLifetime
{
    private static readonly string[] Faults = ["reset", "empty", "malformed", "truncated", "hang"];

    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-net").FullName;
    private RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var jobs = string.Concat(Faults.Select(fault =>
            $"  - id: job_{fault}\n    lifecycle: [{{ status: completed }}]\n    faults: [{{ on: {{ every: 1 }}, network: {fault} }}]\n"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "net.yaml"), "version: 1\ndialect: docurift\njobs:\n" + jobs + "  - id: job_fine\n    lifecycle: [{ status: completed }]\n");
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AReset_IsAConnectionResetByPeer()
    {
        var error = await Capture("job_reset");

        error.Should().BeOfType<HttpRequestException>().Which.GetBaseException().Message.Should().Contain("reset");
    }

    [Fact]
    public async Task AnEmptyReply_EndsTheResponseBeforeItStarts()
    {
        var error = await Capture("job_empty");

        error.Should().BeOfType<HttpRequestException>().Which.GetBaseException().Should().BeAssignableTo<IOException>();
    }

    [Fact]
    public async Task AMalformedBody_IsA200ThatIsNotJson()
    {
        var error = await Capture("job_malformed");

        error.Should().BeAssignableTo<JsonException>();
    }

    [Fact]
    public async Task ATruncatedBody_EndsBeforeItsContentLength()
    {
        var error = await Capture("job_truncated");

        error.Should().BeAssignableTo<HttpRequestException>().Which.GetBaseException().Should().BeAssignableTo<IOException>();
    }

    [Fact]
    public async Task AHang_LastsUntilTheClientGivesUp()
    {
        // A first answer pays the server's start-up costs (its route matcher, JIT), which on a busy CI machine can
        // outlast a short client time-out; only then is the hang's client given one second.
        (await Capture("job_fine")).Should().BeNull();

        var error = await Capture("job_hang", TimeSpan.FromSeconds(1));

        error.Should().BeAssignableTo<OperationCanceledException>();
        _server.Engine.Journal.Snapshot().Should().Contain(e => e.JobId == "job_hang" && e.Outcome == "network-hang" && e.StatusCode == 0);
    }

    // Polls the job once with a fresh client and returns what went wrong, or null.
    private async Task<Exception?> Capture(string job, TimeSpan? timeout = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = _server.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/" + job);
            request.Headers.Add("X-API-Key", "k");
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Dispose();
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException)
        {
            return ex;
        }
    }
}
