using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>The standalone server's batched request log: the console logger's lines, written off the request thread.</summary>
public sealed class RequestLogWriterTests
{
    [Fact]
    public async Task TextLines_LookLikeTheConsoleLoggers_InOrder()
    {
        using var output = new MemoryStream();
        var writer = new RequestLogWriter(output, json: false);

        writer.Answered("GET", "/v1/jobs/job_1", "job_1", 200, "processing");
        writer.Answered("POST", "/v1/documents/process/async", "-", 413, "too-large");
        await writer.DisposeAsync();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().MatchRegex(@"^\d\d:\d\d:\d\d\.\d{3} info: JobEmulator\.Requests\[1\] GET /v1/jobs/job_1 job=job_1 -> 200 processing$");
        lines[1].Should().EndWith(" info: JobEmulator.Requests[1] POST /v1/documents/process/async job=- -> 413 too-large");
    }

    [Fact]
    public async Task ControlCharacters_InAPath_CannotForgeALine()
    {
        using var output = new MemoryStream();
        var writer = new RequestLogWriter(output, json: false);

        writer.Answered("GET", "/v1/jobs/x\n12:00:00.000 info: forged", "x\r", 404, "not-found");
        await writer.DisposeAsync();

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().EndWith("GET /v1/jobs/x?12:00:00.000 info: forged job=x? -> 404 not-found");
    }

    [Fact]
    public async Task JsonLines_CarryTheConsoleLoggersFields()
    {
        using var output = new MemoryStream();
        var writer = new RequestLogWriter(output, json: true);

        writer.Answered("GET", "/v1/jobs/job_1", "job_1", 200, "processing");
        await writer.DisposeAsync();

        using var line = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n'));
        var root = line.RootElement;
        root.GetProperty("Category").GetString().Should().Be("JobEmulator.Requests");
        root.GetProperty("LogLevel").GetString().Should().Be("Information");
        root.GetProperty("Message").GetString().Should().Be("GET /v1/jobs/job_1 job=job_1 -> 200 processing");
        root.GetProperty("State").GetProperty("StatusCode").GetInt32().Should().Be(200);
        root.GetProperty("State").GetProperty("JobId").GetString().Should().Be("job_1");
        DateTimeOffset.Parse(root.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task MoreThanTheBound_AreDroppedAndCounted_NotQueued()
    {
        using var output = new MemoryStream();
        var writer = new RequestLogWriter(output, json: false, maxPending: 3);

        // The first batch is written 50 ms after start: these five arrive before it.
        for (var i = 0; i < 5; i++)
        {
            writer.Answered("GET", $"/v1/jobs/job_{i}", $"job_{i}", 200, "processing");
        }

        await writer.DisposeAsync();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[..3].Should().AllSatisfy(line => line.Should().Contain("-> 200 processing"));
        lines[3].Should().Contain("(2 request lines dropped: the log could not keep up)");
    }
}
