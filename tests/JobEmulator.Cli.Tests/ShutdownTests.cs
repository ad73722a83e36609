using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Cli.Tests;

/// <summary>
/// <c>jobemu serve</c> as a real process, stopped with SIGTERM while a webhook delivery is under way and a request
/// waits out its latency: both finish, every event reaches the receiver, and the process exits 0; work that would
/// outlast the 4 s grace is cut, and said so. On the wall clock on purpose: it is the process's own shutdown, as a
/// container runtime sees it; no assertion depends on how fast this machine is.
/// </summary>
public sealed partial class ShutdownTests : IDisposable
{
    private const string Key = "frc_shutdown_key";
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-sigterm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sigterm_DuringAWebhookDeliveryAndASlowRequest_FinishesBoth_AndExitsZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGTERM is sent with kill(1)");
        var cancel = TestContext.Current.CancellationToken;
        using var receiver = new SlowReceiver(TimeSpan.FromSeconds(3));
        var (serve, http, id) = await StartWithASubmittedJobAsync(receiver, """
            latency: { status: 1500ms }
            submitted_jobs:
              lifecycle:
                - { status: pending, after: 300ms }
                - { status: processing, after: 300ms }
                - { status: completed }
            """, cancel);
        using var disposeServe = serve;
        using var disposeHttp = http;

        // Both events are being delivered (the receiver holds each for 3 s) and a poll waits out its 1.5 s latency.
        await receiver.Arrived(2).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        var scheduled = await ScheduledAsync(http, cancel);
        var poll = http.GetAsync(new Uri("/v1/jobs/" + id, UriKind.Relative), cancel);
        while (await ScheduledAsync(http, cancel) <= scheduled)
        {
            // The poll is in the server, waiting out its latency on the scheduler, once one more entry waits there.
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancel);
        }

        var stopped = await TerminateAsync(serve, cancel);

        using var polled = await poll;
        polled.StatusCode.Should().Be(HttpStatusCode.OK, "a request in flight is answered before the process stops");
        receiver.Answered.Should().Be(2, "both deliveries under way were let land (exit {0} after {1}; {2})", serve.ExitCode, stopped, await Errors);
        receiver.Events.Should().Equal("document.processing.started", "document.processing.completed");
        serve.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Sigterm_WhileAReceiverNeverAnswers_StillExitsZeroAfterTheGrace_SayingWhatWasCut()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGTERM is sent with kill(1)");
        var cancel = TestContext.Current.CancellationToken;
        using var receiver = new SlowReceiver(TimeSpan.FromSeconds(30));
        var (serve, http, _) = await StartWithASubmittedJobAsync(receiver, """
            webhooks: { timeout: 30s }
            submitted_jobs:
              lifecycle:
                - { status: processing, after: 100ms }
                - { status: completed }
            """, cancel);
        using var disposeServe = serve;
        using var disposeHttp = http;
        await receiver.Arrived(1).WaitAsync(TimeSpan.FromSeconds(10), cancel);

        var stopped = await TerminateAsync(serve, cancel);

        serve.ExitCode.Should().Be(0);
        // Not a timing assertion: the receiver would hold the delivery for 30 s, so an exit well before that (the
        // 4 s grace, with room for a loaded machine) is the process cutting it, as its message says.
        stopped.Should().BeLessThan(TimeSpan.FromSeconds(20), "it cut the delivery at its grace instead of waiting out the receiver");
        (await Errors).Should().Contain("stopped before everything in flight had finished (4 s grace)");
    }

    // jobemu serve on a DocuRift scenario (its key, then the given lines), with one document submitted whose events go to receiver.
    private async Task<(Process Serve, HttpClient Http, string Id)> StartWithASubmittedJobAsync(SlowReceiver receiver, string lines, CancellationToken cancel)
    {
        var scenario = Path.Combine(_folder, "shutdown.yaml");
        await File.WriteAllTextAsync(scenario, $"version: 1\nname: shutdown\ndialect: docurift\nauth: {{ keys: [{Key}] }}\n{lines}\n", cancel);
        var serve = StartServe(scenario);
        var http = new HttpClient { BaseAddress = await ListeningAddressAsync(serve, cancel) };
        http.DefaultRequestHeaders.Add("X-API-Key", Key);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[64]), "file", "invoice.pdf" }, { new StringContent(receiver.Url), "webhookUrl" } };
        using var submitted = await http.PostAsync(new Uri("/v1/documents/process/async", UriKind.Relative), form, cancel);
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (serve, http, JobId().Match(await submitted.Content.ReadAsStringAsync(cancel)).Groups[1].Value);
    }

    // Sends SIGTERM and waits for the process to end; how long it took.
    private static async Task<TimeSpan> TerminateAsync(Process serve, CancellationToken cancel)
    {
        var stopping = Stopwatch.StartNew();
        Signal(serve.Id, "TERM");
        await serve.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        return stopping.Elapsed;
    }

    private static async Task<int> ScheduledAsync(HttpClient http, CancellationToken cancel)
    {
        using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/__admin/health", UriKind.Relative), cancel));
        return health.RootElement.GetProperty("scheduled").GetInt32();
    }

    private static Process StartServe(string scenario)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "jobemu.dll"), "serve", scenario, "--port", "0", "--request-log", "off" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private async Task<Uri> ListeningAddressAsync(Process serve, CancellationToken cancel)
    {
        while (await serve.StandardOutput.ReadLineAsync(cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancel) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                // Keep draining both streams so the process never blocks on a full pipe.
                _ = serve.StandardOutput.ReadToEndAsync(CancellationToken.None);
                Errors = serve.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("jobemu serve exited before listening: " + await serve.StandardError.ReadToEndAsync(cancel));
    }

    private Task<string> Errors { get; set; } = Task.FromResult(string.Empty);

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    [GeneratedRegex("listening on (http://[^ ]+)")]
    private static partial Regex Listening();

    [GeneratedRegex("\"id\":\"([^\"]+)\"")]
    private static partial Regex JobId();

    // A webhook receiver that takes its time answering: each delivery is held open for the given delay.
    private sealed class SlowReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly TimeSpan _hold;
        private readonly List<TaskCompletionSource> _arrivals = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private readonly List<string> _events = [];
        private int _arrived;
        private int _answered;

        public SlowReceiver(TimeSpan hold)
        {
            _hold = hold;
            var port = JobEmulator.Tests.Shared.FreePorts.Next();
            Url = $"http://127.0.0.1:{port}/hooks/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public int Answered => Volatile.Read(ref _answered);

        public IReadOnlyList<string> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public Task Arrived(int count) => _arrivals[count - 1].Task;

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    _arrivals[Interlocked.Increment(ref _arrived) - 1].TrySetResult();
                    await Task.Delay(_hold, TimeProvider.System);
                    lock (_events)
                    {
                        _events.Add(Regex.Match(body, "\"type\":\"([^\"]+)\"").Groups[1].Value);
                    }

                    context.Response.StatusCode = 200;
                    context.Response.Close();
                    Interlocked.Increment(ref _answered);
                });
            }
        }
    }
}
