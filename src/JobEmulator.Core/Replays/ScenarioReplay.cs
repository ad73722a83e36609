using System.Buffers;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Replays;

/// <summary>
/// Runs one job of a scenario on a manual clock with a built-in polling client, through the same dispatcher as
/// every host (faults, limits and latency included), and records what the client sees, poll by poll: what
/// <c>jobemu replay</c> prints.
/// </summary>
public static class ScenarioReplay
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Replays the job <paramref name="jobId"/> of <paramref name="scenario"/> (its first declared job when null, or a
    /// submitted one when it declares none) with <paramref name="client"/> polling, until the job finishes or the
    /// client's time is up. Throws <see cref="ArgumentException"/> when there is no such job, or a submission is refused.
    /// </summary>
    public static (string JobId, IReadOnlyList<ReplayPoll> Polls) Run(Scenario scenario, string? jobId, ReplayClient client)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(client);
        var clock = new ManualClock(Start);
        var webhooks = new RecordingTransport(clock);
        using var engine = new JobEmulatorEngine(ScenarioSet.Create([scenario]), clock, options: new JobEmulatorEngineOptions { WebhookTransport = webhooks });
        var dialect = scenario.Dialect;
        // A key the scenario opens with: its first declared key, else a token for its first app, else any.
        var credential = scenario.Auth.Keys?.FirstOrDefault()
            ?? (scenario.Auth.Apps.Count > 0 ? engine.IssueToken(dialect, scenario.Auth.Apps[0].AppId, scenario.Auth.Apps[0].AppSecret, dialect.TokenLifetime, clock.GetUtcNow()) : null)
            ?? "replay-key";
        var job = jobId is null && scenario.Jobs.Count == 0
            ? engine.Submit(dialect, credential, Submission.Empty, clock.GetUtcNow()).Job ?? throw new ArgumentException($"{scenario.Source} has no job, and a submission to it was refused.")
            : engine.FindJob(dialect, jobId ?? scenario.Jobs[0].Id) ?? throw new ArgumentException($"{scenario.Source} has no job '{jobId}'; it has: {string.Join(", ", scenario.Jobs.Select(j => j.Id))}");
        if (dialect.Webhooks is { } format)
        {
            // Show what the vendor would announce: an endpoint in memory, subscribed to every event.
            engine.Webhooks.Subscribe(job.Scenario, new Uri("http://replay.invalid/webhooks"), format.EventTypes);
        }

        var dispatcher = new OperationDispatcher(engine);
        var status = dialect.Operations.First(o => o.Kind == OperationKind.Status);
        var polls = new List<ReplayPoll>();
        var wait = client.Interval;
        for (var poll = 1; clock.GetUtcNow() - Start <= client.Until; poll++)
        {
            var request = new ReplayRequest(status, job.Script.Id, credential);
            var answer = dispatcher.HandleAsync(dialect, status, request, new ArrayBufferWriter<byte>()).AsTask().GetAwaiter().GetResult();
            if (answer.Delay is { } delay)
            {
                clock.Advance(delay);
            }

            polls.Add(new ReplayPoll(clock.GetUtcNow() - Start, poll, answer.StatusCode, answer.Outcome, answer.Progress, answer.RetryAfterSeconds, webhooks.Take()));
            if (answer.StatusCode == 200 && answer.Status is JobStatus.Completed or JobStatus.Failed)
            {
                break;
            }

            var next = answer.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(seconds, wait.TotalSeconds)) : wait;
            clock.Advance(next);
            if (client.Backoff && answer.RetryAfterSeconds is null)
            {
                wait = TimeSpan.FromTicks(Math.Min(client.MaxInterval.Ticks, (long)(wait.Ticks * client.Factor)));
            }
        }

        return (job.Script.Id, polls);
    }

    // Every webhook the job would send, answered 200 in memory, summed up as its event and the instant it fired.
    private sealed class RecordingTransport(ManualClock clock) : IWebhookTransport
    {
        private readonly List<string> _sent = [];

        public ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        {
            _sent.Add($"{Describe(message.Body.Span)} @+{(clock.GetUtcNow() - Start).ToString(@"m\:ss\.f", System.Globalization.CultureInfo.InvariantCulture)}");
            return ValueTask.FromResult(new WebhookResponse(200, null));
        }

        // The event's type (DocuRift), its status (Symbl), or that the job finished (DeepAffects).
        private static string Describe(ReadOnlySpan<byte> body)
        {
            using var document = System.Text.Json.JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            return root.TryGetProperty("type", out var type) ? type.GetString() ?? "event"
                : root.TryGetProperty("status", out var status) ? "status " + status.GetString()
                : root.TryGetProperty("response", out _) ? "finished (request_id, response)"
                : "webhook";
        }

        public List<string> Take()
        {
            var taken = _sent.ToList();
            _sent.Clear();
            return taken;
        }
    }

    // A status request as the dialect reads it: the id where its route or query carries it, the first credential source.
    private sealed class ReplayRequest(DialectOperation operation, string id, string credential) : IEmulatorRequest
    {
        private CredentialSource? First => operation.Credentials.Count > 0 ? operation.Credentials[0] : null;

        public string Method => operation.Method;

        public string Path => operation.Route;

        public string Query => string.Empty;

        public string BaseUrl => "http://replay";

        public string? GetHeader(string name)
        {
            var source = First;
            return source switch
            {
                { Location: CredentialLocation.Bearer } when name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) => "Bearer " + credential,
                { Location: CredentialLocation.Header or CredentialLocation.BareAuthorization } when name.Equals(source.Name, StringComparison.OrdinalIgnoreCase) => credential,
                _ => null,
            };
        }

        // The credential where its query parameter is read; the id in any other parameter when the route carries none.
        public string? GetQuery(string name) =>
            First is { Location: CredentialLocation.Query } source && name == source.Name ? credential
            : operation.Route.Contains('{', StringComparison.Ordinal) ? null : id;

        public string? GetRouteValue(string name) => operation.Route.Contains('{' + name + '}', StringComparison.Ordinal) ? id : null;

        public ValueTask<RequestBody> ReadBodyAsync(BodyFormat format, long maxBytes, CancellationToken cancellationToken) => ValueTask.FromResult(RequestBody.Empty);
    }
}
