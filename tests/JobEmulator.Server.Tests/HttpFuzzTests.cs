using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// 10,000 odd requests over loopback to every operation of every dialect (a user-defined one too) and to the admin API: wrong methods, ids
/// with traversal, invalid UTF-8 and a megabyte of text, huge and many headers, wrong content types, broken JSON,
/// malformed and oversized bodies. With no scenario that scripts a 5xx loaded, every answer must be below 500, nothing
/// may fail inside the emulator, and the server must stay healthy. Seeded: a failure names the request to replay.
/// </summary>
public sealed class HttpFuzzTests : IAsyncLifetime
{
    private const int Requests = 10_000;
    private const int Seed = 20261130;

    private static readonly string[] AdminRoutes =
    [
        "GET /__admin/scenarios", "POST /__admin/scenarios", "DELETE /__admin/scenarios/{name}", "GET /__admin/jobs", "POST /__admin/jobs",
        "GET /__admin/jobs/{dialect}/{id}", "POST /__admin/jobs/{dialect}/{id}/advance", "GET /__admin/clock", "POST /__admin/clock/advance",
        "POST /__admin/clock/set", "GET /__admin/requests", "DELETE /__admin/requests", "GET /__admin/webhooks", "POST /__admin/reset",
        "GET /__admin/health", "GET /__admin/openapi.json", "GET /__admin/dialects", "POST /__admin/dialects", "DELETE /__admin/dialects/{name}",
    ];

    private static readonly string[] OddIds =
    [
        "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fsecret", "%FF%FE%FD", "%C3%28", "%E2%80%AE%F0%9F%92%A5", "a%20b", "%25", "%",
        "{id}", "%00", "%0Ajob", "job_abc123def456%3Bdrop", "\u00fcn\u00efc\u00f6d\u00e9", "-", "0", "null", "job_abc123def456/..",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PURGE"];

    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-fuzz-").FullName;
    private RunningServer _server = null!;
    private string[] _jobIds = [];
    private string _token = "";

    public async ValueTask InitializeAsync()
    {
        // Every dialect's everyday scenarios; none scripts a 5xx, a network fault or a delay, so any 5xx is a bug.
        foreach (var dialect in new[] { "aitronos", "deepaffects", "docurift", "symbl", "waveline" })
        {
            foreach (var file in new[] { "happy-path.yaml", "submit-then-poll.yaml" })
            {
                File.Copy(Path.Combine(RepositoryPaths.Scenarios, dialect, file), Path.Combine(_folder, $"{dialect}-{file}"));
            }
        }

        // And a dialect of the user's own, defined in a file (the README's made-up Lumen Render), with its scenario.
        foreach (var file in new[] { "lumen.yaml", "renders.yaml" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "samples", "your-own-api", file), Path.Combine(_folder, $"lumen-{file}"));
        }

        _server = await RunningServer.StartAsync(_folder);
        using var jobs = JsonDocument.Parse(await _server.Client.GetStringAsync(new Uri("/__admin/jobs", UriKind.Relative), TestContext.Current.CancellationToken));
        _jobIds = [.. jobs.RootElement.EnumerateArray().Select(job => job.GetProperty("id").GetString()!)];
        using var token = await _server.Client.PostAsync(
            new Uri("/oauth2/token:generate", UriKind.Relative),
            new StringContent("""{"type":"application","appId":"symbl_app","appSecret":"symbl_secret"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        _token = JsonDocument.Parse(await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TenThousandOddRequests_NeverGetAnUnscripted5xx_AndTheServerStaysHealthy()
    {
        var routes = _server.Engine.Dialects.All.SelectMany(d => d.Operations.Select(o => $"{o.Method} {o.Route}")).Concat(AdminRoutes).ToArray();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8, RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 }) { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, cancellation) =>
        {
            var random = new Random(Seed + i);
            using var request = Build(random, routes[random.Next(routes.Length)], i);
            var what = $"request {i} (seed {Seed + i}): {request.Method} {Shorten(request.RequestUri!.OriginalString)}";
            try
            {
                using var response = await http.SendAsync(request, cancellation);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500 || response.Headers.Contains("X-JobEmulator-Error"))
                {
                    failures.Enqueue($"{what} -> {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync(cancellation))}");
                }
            }
            catch (HttpRequestException) when (request.Content is ByteArrayContent { Headers.ContentLength: > 1024 * 1024 })
            {
                // Refused before it was all read (405, 413, 431): the server answers and closes while the client still sends.
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue($"{what} -> {ex.GetBaseException().Message}");
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                failures.Enqueue($"{what} -> no answer within 20 s");
            }
        });

        using var health = await _server.Client.GetAsync(new Uri("/__admin/health", UriKind.Relative), TestContext.Current.CancellationToken);
        foreach (var failure in failures.Take(20))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(failure);
        }

        TestContext.Current.TestOutputHelper?.WriteLine("statuses (0: an oversized body cut off by an early answer): " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        failures.Should().BeEmpty("{0} of {1} requests failed", failures.Count, Requests);
        statuses.Values.Sum().Should().Be(Requests);
        health.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        _server.Logs.Lines.Should().NotContain(line => line.Contains("failed inside the emulator", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("-5")]
    [InlineData("FFFFFFFFFFFFFFFF")]
    public async Task ChunkedBodyWithAnInvalidChunkSize_Answers400_OnEveryRouteThatTakesABody(string chunkSize)
    {
        var routes = _server.Engine.Dialects.All.SelectMany(d => d.Operations.Where(o => o.Method is "POST" or "PUT").Select(o => $"{o.Method} {o.Route}"))
            .Concat(AdminRoutes.Where(r => r.StartsWith("POST ", StringComparison.Ordinal)));
        var answers = new List<string>();
        var statuses = new Dictionary<string, int>();
        foreach (var route in routes)
        {
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            var path = FillPlaceholders(route[(space + 1)..], new Random(Seed));
            var head = $"{route[..space]} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: frc_submit_key\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            var status = await RawStatusAsync(head + chunkSize + "\r\n{}\r\n0\r\n\r\n");
            statuses[route] = status;
            if (status is 0 or >= 500)
            {
                answers.Add($"{route} -> {status}");
            }
        }

        answers.Should().BeEmpty("a body Kestrel cannot read is the client's error (chunk size '{0}')", chunkSize);
        new[] { "POST /__admin/scenarios", "POST /__admin/jobs", "POST /__admin/jobs/{dialect}/{id}/advance", "POST /v1/documents/process/async" }
            .Select(route => statuses[route]).Should().AllBeEquivalentTo(400, "the routes that read the body say it could not be read");
        _server.Logs.Lines.Should().NotContain(line => line.Contains("failed inside the emulator", StringComparison.Ordinal));
    }

    // Sends raw bytes over loopback and reads the status code of the answer (0: the connection closed with none).
    private async Task<int> RawStatusAsync(string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var line = await reader.ReadLineAsync(timeout.Token);
        return line is { Length: >= 12 } && int.TryParse(line.AsSpan(9, 3), out var status) ? status : 0;
    }

    private HttpRequestMessage Build(Random random, string route, int i)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var roll = random.Next(100);
        var method = roll < 80 ? route[..space] : Methods[random.Next(Methods.Length)];
        var path = FillPlaceholders(route[(space + 1)..], random);
        path += random.Next(10) switch
        {
            0 => "?x=%",
            1 => "?apikey=&request_id=..%2F&count=-1&offset=abc",
            2 => $"?webhook=http://127.0.0.1:9/hook&request_id=r{i}",
            3 => "?count=99999999999&offset=-5&sync=maybe",
            _ => string.Empty,
        };

        var request = new HttpRequestMessage(new HttpMethod(method), path);
        AddCredentials(request, random);
        if (random.Next(200) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40 * 1024)); // past the 32 KiB limit: 431
        }

        if (random.Next(200) == 0)
        {
            for (var h = 0; h < 120; h++)
            {
                request.Headers.TryAddWithoutValidation($"X-Many-{h}", "v"); // past 100 headers: 431
            }
        }

        if (method is not ("GET" or "HEAD" or "DELETE") || random.Next(10) == 0)
        {
            request.Content = Body(random);
        }

        return request;
    }

    private string FillPlaceholders(string template, Random random)
    {
        var path = new StringBuilder();
        foreach (var part in template.Split('/'))
        {
            if (path.Length > 0 || template.StartsWith('/'))
            {
                path.Append('/');
            }

            path.Append(part.StartsWith('{') ? Id(random, part) : part);
        }

        return path.ToString().Replace("//", "/", StringComparison.Ordinal);
    }

    private string Id(Random random, string placeholder) => placeholder switch
    {
        "{dialect}" when random.Next(3) > 0 => Core.Definitions.DialectDefinitions.BuiltinCatalog.All[random.Next(5)].Name,
        "{name}" when random.Next(2) == 0 => "docurift-happy-path",
        _ => random.Next(100) switch
        {
            < 45 => _jobIds[random.Next(_jobIds.Length)],
            < 90 => OddIds[random.Next(OddIds.Length)],
            < 99 => new string((char)('a' + random.Next(26)), random.Next(1, 400)),
            _ => new string('m', 1024 * 1024), // a megabyte of id: 414
        },
    };

    private void AddCredentials(HttpRequestMessage request, Random random)
    {
        switch (random.Next(8))
        {
            case 0:
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("X-API-Key", new[] { "frc_submit_key", "freddy_submit_key", "da_submit_key", "wl_submit_key", "k" }[random.Next(5)]);
                break;
            case 2:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", random.Next(2) == 0 ? _token : "freddy_submit_key");
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("Authorization", random.Next(2) == 0 ? "Bearer" : "Basic !!!");
                break;
            case 4:
                request.Headers.TryAddWithoutValidation("X-API-Key", "\u00ff\u00fe k\u00e9y");
                break;
            case 5:
                request.Headers.TryAddWithoutValidation("X-API-Key", new string('k', 2000));
                break;
            default:
                request.Headers.TryAddWithoutValidation("x-api-key", "frc_submit_key");
                request.Headers.TryAddWithoutValidation("X-Admin-Token", "wrong");
                break;
        }
    }

    private static HttpContent Body(Random random)
    {
        switch (random.Next(11))
        {
            case 0:
                return new StringContent("""{"url":"https://example.com/call.mp3","name":"fuzz","webhookUrl":"http://127.0.0.1:9/h"}""", Encoding.UTF8, "application/json");
            case 1:
                return new StringContent("""{"url": """, Encoding.UTF8, "application/json");
            case 2:
                return new StringContent("""{"url": 5, "name": ["a"], "documents": {"x": null}, "to": 12, "by": "forever"}""", Encoding.UTF8, "application/json");
            case 3:
                return new StringContent(new string('[', 5000) + new string(']', 5000), Encoding.UTF8, "application/json");
            case 4:
                var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[random.Next(0, 4096)]), "file", random.Next(2) == 0 ? "invoice.pdf" : "../../etc/passwd" } };
                form.Add(new StringContent("invoice"), "documentType");
                return form;
            case 5:
                var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nxx");
                broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
                return broken;
            case 6:
                var noBoundary = new ByteArrayContent([1, 2, 3]);
                noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return noBoundary;
            case 7:
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                var binary = new ByteArrayContent(bytes);
                binary.Headers.ContentType = MediaTypeHeaderValue.Parse(random.Next(2) == 0 ? "application/json" : "application/octet-stream");
                return binary;
            case 8:
                return new StringContent("dialect: docurift\njobs: [{ id: job_fuzz, lifecycle: [{ status: completed }] }]\n", Encoding.UTF8, random.Next(2) == 0 ? "application/yaml" : "text/plain");
            case 9:
                return new StringContent("a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n", Encoding.UTF8, "application/yaml");
            default:
                return new ByteArrayContent(new byte[(2 * 1024 * 1024) + 1]); // past the 1 MiB default and the admin's cap: 413
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + $"… ({text.Length} chars)";
}
