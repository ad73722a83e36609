using FluentAssertions;
using Xunit;

namespace JobEmulator.Testing.Tests;

/// <summary>Job ids are unique only within a dialect: the journal assertions can name the dialect, and count status polls only.</summary>
public sealed class JournalDialectTests
{
    [Fact]
    public async Task TheSameIdInTwoDialects_IsCountedPerDialect_AndAnUnnamedOneSaysToName()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options =>
        {
            options.AddScenario("docurift", s => s.Job("job_abc123def456", j => j.Completed()));
            options.AddScenario("aitronos", s => s.Job("job_abc123def456", j => j.Completed()));
        });
        using var http = emulator.CreateClient();
        await Get(http, "v1/jobs/job_abc123def456");
        await Get(http, "v1/documents/jobs/job_abc123def456");
        await Get(http, "v1/documents/jobs/job_abc123def456");

        emulator.Journal.Should().InDialect("docurift").HavePolledExactly("job_abc123def456", 1);
        emulator.Journal.Should().InDialect("aitronos").HavePolledExactly("job_abc123def456", 2);
        var unnamed = () => emulator.Journal.Should().HavePolledExactly("job_abc123def456", 3);
        unnamed.Should().Throw<InvalidOperationException>().WithMessage("*more than one dialect*InDialect*");
    }

    [Fact]
    public async Task ASubmission_IsNotCountedAsAPoll()
    {
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.CaptureWebhooks());
        using var http = emulator.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.pdf" } };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/documents/process/async") { Content = form };
        submit.Headers.Add("X-API-Key", "k");
        using var submitted = await http.SendAsync(submit, TestContext.Current.CancellationToken);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(submitted.Content, TestContext.Current.CancellationToken)).GetProperty("data").GetProperty("id").GetString()!;
        await Get(http, "v1/jobs/" + id, "k");

        emulator.Journal.Should().HavePolledExactly(id, 1);
    }

    private static async Task Get(HttpClient http, string path, string key = "any")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", key);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
