using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// 256 clients on a real socket at once, over 1,000 declared jobs and 256 submitted ones, while other scenarios are
/// loaded and unloaded and the journal is cleared through the admin API. Lifecycles move by polls only, so what each
/// client sees is exact: its job's status sequence equals the script, the job counted exactly the polls it was sent,
/// and every submitted job is still there at the end.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Clients = 256;
    private const int DeclaredJobs = 1_000;
    private static readonly string[] DeclaredSequence = ["pending", "pending", "processing", "processing", "processing", "completed"];
    private static readonly string[] SubmittedSequence = ["pending", "processing", "processing", "completed"];

    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-concurrency-").FullName;
    private RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var yaml = new StringBuilder("version: 1\nname: crowd\ndialect: docurift\nauth: { keys: [k] }\n");
        yaml.Append("submitted_jobs:\n  - lifecycle: [{ status: pending, polls: 1 }, { status: processing, polls: 2 }, { status: completed }]\njobs:\n");
        for (var i = 0; i < DeclaredJobs; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ id: job_crowd{i:D4}, lifecycle: [{{ status: pending, polls: 2 }}, {{ status: processing, polls: 3 }}, {{ status: completed }}] }}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "crowd.yaml"), yaml.ToString());
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TwoHundredFiftySixClients_SeeExactlyTheirScripts_WhileScenariosComeAndGo()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-API-Key", "k");
        var errors = new ConcurrentQueue<string>();
        var submitted = new ConcurrentBag<string>();
        using var clientsDone = new CancellationTokenSource();

        // Meanwhile: other scenarios loaded and unloaded, and the journal cleared, through the admin API.
        var churn = Task.Run(async () =>
        {
            for (var round = 0; !clientsDone.IsCancellationRequested && round < 10_000; round++)
            {
                using var load = await http.PostAsync(new Uri("/__admin/scenarios", UriKind.Relative), new StringContent($"version: 1\nname: churn{round}\ndialect: docurift\njobs: [{{ id: job_churn{round}, lifecycle: [{{ status: completed }}] }}]\n", Encoding.UTF8, "application/yaml"), cancellation);
                using var unload = await http.DeleteAsync(new Uri($"/__admin/scenarios/churn{round}", UriKind.Relative), cancellation);
                using var clear = await http.DeleteAsync(new Uri("/__admin/requests", UriKind.Relative), cancellation);
                if (!load.IsSuccessStatusCode || unload.StatusCode != HttpStatusCode.NoContent || clear.StatusCode != HttpStatusCode.NoContent)
                {
                    errors.Enqueue($"churn round {round}: load {(int)load.StatusCode}, unload {(int)unload.StatusCode}, clear {(int)clear.StatusCode}");
                }
            }
        }, cancellation);

        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            // Each client polls its share of the declared jobs to the end, then submits one job and polls that too.
            for (var job = client; job < DeclaredJobs; job += Clients)
            {
                var id = $"job_crowd{job:D4}";
                var seen = await PollToTheEndAsync(http, id, cancellation);
                if (!seen.SequenceEqual(DeclaredSequence))
                {
                    errors.Enqueue($"{id} showed {string.Join(", ", seen)}");
                }
            }

            using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[256]), "file", $"client{client}.pdf" } };
            using var response = await http.PostAsync(new Uri("/v1/documents/process/async", UriKind.Relative), form, cancellation);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                errors.Enqueue($"client {client}'s submission answered {(int)response.StatusCode}");
                return;
            }

            var submittedId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("data").GetProperty("id").GetString()!;
            submitted.Add(submittedId);
            var statuses = await PollToTheEndAsync(http, submittedId, cancellation);
            if (!statuses.SequenceEqual(SubmittedSequence))
            {
                errors.Enqueue($"{submittedId} (submitted) showed {string.Join(", ", statuses)}");
            }
        }, cancellation)).ToList();

        await Task.WhenAll(clients);
        await clientsDone.CancelAsync();
        await churn;

        errors.Should().BeEmpty();
        using var jobs = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__admin/jobs?dialect=docurift", UriKind.Relative), cancellation));
        var requestsById = jobs.RootElement.EnumerateArray().ToDictionary(job => job.GetProperty("id").GetString()!, job => job.GetProperty("requests").GetInt32());
        submitted.Should().HaveCount(Clients).And.OnlyHaveUniqueItems();
        submitted.Should().OnlyContain(id => requestsById.ContainsKey(id), "nothing created is lost");
        submitted.Should().OnlyContain(id => requestsById[id] == SubmittedSequence.Length, "each submitted job counted exactly its polls");
        Enumerable.Range(0, DeclaredJobs).Select(i => requestsById[$"job_crowd{i:D4}"]).Should().OnlyContain(count => count == DeclaredSequence.Length);
    }

    // Polls until the first terminal answer; returns every status word seen, in order.
    private static async Task<List<string>> PollToTheEndAsync(HttpClient http, string id, CancellationToken cancellation)
    {
        var seen = new List<string>();
        while (seen.Count < 20)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}", cancellation);
            var status = body.GetProperty("data").GetProperty("status").GetString()!;
            seen.Add(status);
            if (status is "completed" or "failed")
            {
                break;
            }
        }

        return seen;
    }
}
