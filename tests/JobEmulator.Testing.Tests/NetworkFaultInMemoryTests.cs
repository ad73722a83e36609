using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Testing.Tests;

/// <summary>In memory there is no socket: the emulator's handler raises what a socket client would see.</summary>
public sealed class NetworkFaultInMemoryTests
{
    private static Task<JobEmulatorHost> Start() => JobEmulatorHost.StartAsync(options => options.AddScenarioYaml(
        "version: 1\ndialect: docurift\njobs:\n" + string.Concat(new[] { "reset", "empty", "malformed", "truncated", "hang" }.Select(fault =>
            $"  - id: job_{fault}\n    lifecycle: [{{ status: completed }}]\n    faults: [{{ on: {{ every: 1 }}, network: {fault} }}]\n"))));

    [Theory]
    [InlineData("job_reset", HttpRequestError.ConnectionError)]
    [InlineData("job_empty", HttpRequestError.ResponseEnded)]
    public async Task AResetOrAnEmptyReply_RaisesHttpRequestException(string job, HttpRequestError expected)
    {
        await using var emulator = await Start();
        using var http = emulator.CreateClient();

        var act = () => Get(http, job);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.HttpRequestError.Should().Be(expected);
    }

    [Fact]
    public async Task ATruncatedBody_FailsWhileItIsRead()
    {
        await using var emulator = await Start();
        using var http = emulator.CreateClient();

        var act = () => Get(http, "job_truncated");

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.GetBaseException().Should().BeOfType<HttpIOException>();
    }

    [Fact]
    public async Task AMalformedBody_IsNotJson()
    {
        await using var emulator = await Start();
        using var http = emulator.CreateClient();

        var act = () => Get(http, "job_malformed");

        await act.Should().ThrowAsync<JsonException>();
    }

    [Fact]
    public async Task AHang_EndsWhenTheClientGivesUp()
    {
        await using var emulator = await Start();
        using var http = emulator.CreateClient();
        http.Timeout = TimeSpan.FromMilliseconds(200);

        var act = () => Get(http, "job_hang");

        await act.Should().ThrowAsync<TaskCanceledException>();
    }

    private static async Task Get(HttpClient http, string job)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/" + job);
        request.Headers.Add("X-API-Key", "k");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Dispose();
    }
}
