using System.Collections.Concurrent;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Engine;

/// <summary>
/// Announces jobs by webhook: for every transition the dialect names an event, one delivery per subscriber
/// (the job's own <c>webhookUrl</c> and every active registered endpoint of its scenario subscribed to the event),
/// first attempted at the transition's instant on the scheduler, retried by the scenario's
/// <see cref="WebhookPolicy"/> until a 2xx, every attempt recorded in <see cref="Attempts"/>. At least once while
/// the backlog holds: a receiver that answered late may see an event twice. Attempts in flight are capped
/// (<see cref="WebhookLimits"/>); those past the cap wait their turn, and past the backlog the oldest waiting attempt
/// is dropped, recorded as such and reported. No client request ever waits for a delivery.
/// </summary>
internal sealed class WebhookDeliveries : IJobObserver
{
    /// <summary>How many attempts the log keeps (the oldest are dropped first).</summary>
    public const int LogCapacity = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonFragment.Encoder };
    private readonly JobEmulatorEngine _engine;
    private readonly IWebhookTransport _transport;
    private readonly DeliveryLimiter _limiter;
    private readonly WebhookLimits _limits;
    private readonly Action<string>? _warnings;
    private ConcurrentQueue<WebhookAttempt> _log = new();

    internal WebhookDeliveries(JobEmulatorEngine engine, IWebhookTransport transport, WebhookLimits limits, Action<string>? warnings)
    {
        _engine = engine;
        _transport = transport;
        _limits = limits;
        _limiter = new DeliveryLimiter(limits);
        _warnings = warnings;
    }

    /// <summary>How many attempts are in flight now (at most <see cref="WebhookLimits.Concurrency"/>).</summary>
    public int InFlight => _limiter.Running;

    /// <summary>How many attempts wait for a slot now (at most <see cref="WebhookLimits.Backlog"/>).</summary>
    public int Waiting => _limiter.Waiting;

    /// <summary>How many attempts were dropped from the full backlog since the start (each is in <see cref="Attempts"/> while the log keeps it).</summary>
    public long Dropped => _limiter.Dropped;

    /// <summary>Every attempt made since the start or the last reset, oldest first (at most <see cref="LogCapacity"/>).</summary>
    public IReadOnlyList<WebhookAttempt> Attempts => [.. Volatile.Read(ref _log)];

    /// <summary>The endpoints registered in <paramref name="scenario"/>, oldest first.</summary>
    public IReadOnlyList<WebhookEndpoint> EndpointsOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return _engine.Stores.Webhooks.For(scenario);
    }

    /// <summary>
    /// Registers an endpoint for <paramref name="scenario"/>'s jobs without a vendor call (a tool's own listener, as
    /// <c>jobemu replay</c> does): subscribed to <paramref name="events"/>, signed with <paramref name="secret"/> if given
    /// and unsigned otherwise. The scenario's jobs that already exist are heard from now on, as after a vendor call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scenario already has <see cref="WebhookRegistry.MaxPerScenario"/> endpoints.</exception>
    public WebhookEndpoint Subscribe(Scenario scenario, Uri url, IReadOnlyList<string> events, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(events);
        var endpoint = new WebhookEndpoint("wh_local_" + Guid.NewGuid().ToString("N")[..8], url, events, secret ?? string.Empty, Active: true, _engine.Time.GetUtcNow(), scenario);
        if (!_engine.Stores.Webhooks.TryAdd(endpoint))
        {
            throw new InvalidOperationException($"Scenario '{scenario.Name}' already has {WebhookRegistry.MaxPerScenario} webhook endpoints, the most one scenario may hold; delete one (the dialect's webhook delete operation) or reset first.");
        }

        _engine.WatchJobsOf(scenario);
        return endpoint;
    }

    /// <inheritdoc />
    public bool Observes(JobRuntime job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Scenario.Dialect.Webhooks is not null
            && (job.Origin.WebhookUrl is not null || job.Scenario.Webhooks.Url is not null || _engine.Stores.Webhooks.HasActive(job.Scenario));
    }

    /// <inheritdoc />
    public void OnTransitions(JobRuntime job, IReadOnlyList<JobTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(transitions);
        var format = job.Scenario.Dialect.Webhooks;
        if (format is null)
        {
            return;
        }

        foreach (var transition in transitions)
        {
            var type = format.EventTypeFor(transition.From, transition.To, transition.Job.WordText);
            if (type is null)
            {
                continue;
            }

            var id = format.NewEventId(new FakeData(StableHash.Combine(job.Scenario.Seed, job.Scenario.Dialect.Name, job.Script.Id, type)));
            var webhookEvent = new WebhookEvent(id, type, transition.At, transition.Job, job.Origin.Metadata);
            var body = Render(format, webhookEvent);
            foreach (var (url, secret, header, method) in Targets(job, type))
            {
                var delivery = new Delivery(job, format, webhookEvent, body, url, secret, job.Scenario.Webhooks) { Header = header, Method = method };
                _engine.Scheduler.Schedule(transition.At, (due, cancellation) => AttemptAsync(delivery, 1, due, cancellation));
            }
        }
    }

    /// <summary>Forgets every attempt (a reset).</summary>
    internal void Clear() => Volatile.Write(ref _log, new ConcurrentQueue<WebhookAttempt>());

    // Where an event goes: the job's own URL (with its header and the method its submission chose), the scenario's URL,
    // and every active endpoint registered for it; all but the job's own are sent with the vendor's method.
    private List<(Uri Url, string? Secret, KeyValuePair<string, string>? Header, string Method)> Targets(JobRuntime job, string type)
    {
        var method = job.Scenario.Webhooks.Method;
        var targets = new List<(Uri, string?, KeyValuePair<string, string>?, string)>();
        if (Uri.TryCreate(job.Origin.WebhookUrl, UriKind.Absolute, out var ownUrl))
        {
            targets.Add((ownUrl, job.Origin.WebhookSecret, job.Origin.WebhookHeader, job.Origin.WebhookMethod ?? method));
        }

        if (job.Scenario.Webhooks.Url is { } scenarioUrl)
        {
            targets.Add((scenarioUrl, job.Scenario.Webhooks.Secret, null, method));
        }

        foreach (var endpoint in _engine.Stores.Webhooks.For(job.Scenario))
        {
            if (endpoint.Active && endpoint.Events.Contains(type, StringComparer.Ordinal))
            {
                targets.Add((endpoint.Url, endpoint.Secret.Length == 0 ? null : endpoint.Secret, null, method));
            }
        }

        return targets;
    }

    private static byte[] Render(WebhookFormat format, in WebhookEvent webhookEvent)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            format.WriteEvent(writer, webhookEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async ValueTask AttemptAsync(Delivery delivery, int attempt, DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || !_engine.IsCurrent(delivery.Job))
        {
            return; // a reset (or eviction) since it was scheduled: the job is gone, and so is its delivery
        }

        var entering = _limiter.EnterAsync(delivery.Url, cancellationToken, () => RecordDropped(delivery, attempt, due));
        var waited = !entering.IsCompleted;
        using var slot = await entering.ConfigureAwait(false);
        if (slot is null)
        {
            return; // dropped from the full backlog (recorded), or a reset or shutdown ended the wait
        }

        // An attempt that waited for a slot is made, and signed, when it goes out.
        var at = waited ? Later(_engine.Time.GetUtcNow(), due) : due;
        var headers = delivery.Format.Headers(delivery.Event, delivery.Body, delivery.Secret, at);
        if (delivery.Header is { } asked)
        {
            headers = [.. headers, asked];
        }

        WebhookResponse response;
        try
        {
            response = await _transport.SendAsync(new WebhookMessage(delivery.Url, delivery.Body, headers, delivery.Method), delivery.Policy.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // a reset or shutdown dropped this delivery
        }
        catch (Exception ex)
        {
            // Anything else fails the attempt, a transport's own time-out (an OperationCanceledException while the
            // emulator is not stopping) included.
            response = new WebhookResponse(null, ex.GetType().Name + ": " + ex.Message);
        }


        var final = response.Delivered || (delivery.Policy.StopOn4xx && response.StatusCode is >= 400 and < 500);
        DateTimeOffset? next = !final && attempt <= delivery.Policy.Retry.Count ? at + delivery.Policy.Retry[attempt - 1] : null;
        Record(new WebhookAttempt(at, delivery.Url, delivery.Event.Id, delivery.Event.Type, delivery.Job.Scenario.Dialect.Name, delivery.Event.Job.Id, attempt, response.StatusCode, response.Error, response.Delivered, next));
        if (next is not null && !cancellationToken.IsCancellationRequested)
        {
            _engine.Scheduler.Schedule(next.Value, (retryDue, retryCancellation) => AttemptAsync(delivery, attempt + 1, retryDue, retryCancellation));
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // A dropped attempt is in the log; the first ten are reported one by one, then every thousandth with the count.
    private void RecordDropped(Delivery delivery, int attempt, DateTimeOffset due)
    {
        var error = $"dropped: the backlog of {_limits.Backlog:N0} waiting attempts was full ({_limits.Concurrency} in flight at most, {_limits.ConcurrencyPerReceiver} per receiver), and this was the oldest";
        Record(new WebhookAttempt(due, delivery.Url, delivery.Event.Id, delivery.Event.Type, delivery.Job.Scenario.Dialect.Name, delivery.Event.Job.Id, attempt, null, error, false, null));
        var count = _limiter.Dropped;
        if (count <= 10 || count % 1000 == 0)
        {
            _warnings?.Invoke($"webhook {delivery.Event.Type} ({delivery.Event.Id}) of {delivery.Job.Scenario.Dialect.Name} job {delivery.Event.Job.Id} to {delivery.Url}, attempt {attempt}, {error}; {count:N0} dropped so far (GET /__admin/webhooks lists them)");
        }
    }

    private void Record(WebhookAttempt attempt)
    {
        var log = Volatile.Read(ref _log);
        log.Enqueue(attempt);
        while (log.Count > LogCapacity && log.TryDequeue(out _))
        {
        }
    }

    private sealed record Delivery(JobRuntime Job, WebhookFormat Format, WebhookEvent Event, byte[] Body, Uri Url, string? Secret, WebhookPolicy Policy)
    {
        /// <summary>A header the submission asked its own webhook to carry (only on the job's own URL).</summary>
        public KeyValuePair<string, string>? Header { get; init; }

        /// <summary>The HTTP method it is sent with.</summary>
        public string Method { get; init; } = "POST";
    }
}
