using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Examples;

/// <summary>Each vendor's whole flow as its public clients run it, in memory, on the fake clock.</summary>
public sealed class VendorFlowExamples
{
    private static Task<JobEmulatorHost> Start(string dialect) => JobEmulatorHost.StartAsync(options =>
    {
        options.AddScenarioFile(Path.Combine(RepositoryPaths.Scenarios, dialect, "submit-then-poll.yaml"));
        options.CaptureWebhooks();
    });

    [Fact]
    public async Task Symbl_AsItsCSharpSdkCallsIt_TokenThenAudioUrlThenPollingToCompleted()
    {
        await using var emulator = await Start("symbl");
        using var http = emulator.CreateClient();

        var job = await emulator.Clock.AdvanceUntilCompleteAsync(SymblClientAsync(http, emulator.Clock));

        job.Should().Be("completed");
        emulator.Webhooks.Received.Select(w => w.Json.GetProperty("status").GetString()).Should().Equal(["completed"], "the job is in progress from its first status, and webhooks announce changes");
    }

    // The public C# SDK's sequence: it treats any token answer but exactly 200 as no token.
    private static async Task<string> SymblClientAsync(HttpClient http, TimeProvider clock)
    {
        using var tokenAnswer = await http.PostAsJsonAsync("oauth2/token:generate", new { type = "application", appId = "symbl_app", appSecret = "symbl_secret" });
        tokenAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await tokenAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var submitted = await http.PostAsJsonAsync("v1/process/audio/url", new { url = "https://example.com/call.mp3", name = "Sales call", webhookUrl = "https://app.example/symbl" });
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
        var jobId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        while (true)
        {
            var status = (await http.GetFromJsonAsync<JsonElement>($"v1/job/{jobId}")).GetProperty("status").GetString()!;
            if (status is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock);
        }
    }

    [Fact]
    public async Task DeepAffects_TheSummaryScriptsLoop_WaitsOutInProgress_ThenReadsTheSummary()
    {
        await using var emulator = await Start("deepaffects");
        using var http = emulator.CreateClient();
        using var started = await http.PostAsJsonAsync("text/generic/api/v1/async/summary?apikey=da_submit_key&webhook=https://app.example/da", new { summaryType = "abstractive", summaryData = "A long meeting about budgets.", model = "iamus" });
        var requestId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request_id").GetString();

        var summary = await emulator.Clock.AdvanceUntilCompleteAsync(PollWhileInProgressAsync(http, requestId!, emulator.Clock));

        summary.GetProperty("abstractive").GetProperty("long").GetString().Should().NotBeNullOrWhiteSpace();
        summary.GetProperty("abstractive").GetProperty("short").GetString().Should().NotBeNullOrWhiteSpace();
        emulator.Webhooks.Received.Should().ContainSingle().Which.Json.GetProperty("response").GetRawText().Should().Be(summary.GetRawText());
    }

    // DeepAffects' own summary script: while the status contains "progress", wait and ask again.
    private static async Task<JsonElement> PollWhileInProgressAsync(HttpClient http, string requestId, TimeProvider clock)
    {
        while (true)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"transaction/generic/api/v1/async/status?apikey=da_submit_key&request_id={requestId}");
            if (!body.GetProperty("status").GetString()!.Contains("progress", StringComparison.OrdinalIgnoreCase))
            {
                return body.GetProperty("response").GetProperty("response");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), clock);
        }
    }

    [Fact]
    public async Task Waveline_SubmitThenList_ShowsTheNewJobFirst()
    {
        await using var emulator = await Start("waveline");
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wl_submit_key");

        using var created = await http.PostAsJsonAsync("api/v1/guess-shape", new { fileName = "invoice.pdf", url = "https://example.com/invoice.pdf" }, TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var list = await http.GetFromJsonAsync<JsonElement>("api/v1/jobs?count=5", TestContext.Current.CancellationToken);

        list.GetProperty("items")[0].GetProperty("id").GetString().Should().Be(id);
        list.GetProperty("items")[0].GetProperty("type").GetString().Should().Be("guess-shape");
    }

    [Fact]
    public async Task Aitronos_ABatch_IsPolledJobByJob_WithHeadersOnEveryAnswer()
    {
        await using var emulator = await Start("aitronos");
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "freddy_submit_key");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[64]), "files[]", "a.pdf" },
            { new ByteArrayContent(new byte[64]), "files[]", "corrupt.pdf" },
            { new StringContent("org_demo"), "organization_id" },
        };

        using var batch = await http.PostAsync("v1/documents/extract/batch", form, TestContext.Current.CancellationToken);
        var ids = (await batch.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("job_ids").EnumerateArray().Select(e => e.GetString()).ToList();
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var statuses = new List<string?>();
        foreach (var id in ids)
        {
            using var polled = await http.GetAsync($"v1/documents/jobs/{id}", TestContext.Current.CancellationToken);
            polled.Headers.TryGetValues("x-request-id", out _).Should().BeTrue("header names are case-insensitive; Kestrel spells this one X-Request-ID");
            statuses.Add((await polled.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        }

        batch.Headers.GetValues("x-ratelimit-limit-requests").Should().Equal("60");
        statuses.Should().Equal("completed", "failed");
    }
}
