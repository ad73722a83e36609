using System.Globalization;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>Attempts past the caps: when one that waited goes out, and what the backlog drops and reports.</summary>
public sealed class DeliveryBacklogTests
{
    private const string Key = "frc_test_key";

    // Moved by polls: the second poll of a job starts its processing, and with it the event's attempt, at once.
    private const string ByPolls = """
        version: 1
        name: backlog
        dialect: docurift
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          lifecycle:
            - { status: pending, polls: 1 }
            - { status: processing, polls: 100 }
            - { status: completed }
        webhooks: { timeout: 5s, retry: [10s] }
        """;

    private static readonly DateTimeOffset T0 = EmulatorHarness.DocumentTime;

    [Fact]
    public void AnAttemptThatWaitedForItsReceiver_IsMadeAndSignedWhenItGoesOut()
    {
        var clock = new ManualClock(T0);
        var receiver = new SlowFirstReceiver(clock, TimeSpan.FromSeconds(30));
        var harness = EmulatorHarness.OnClock(clock, ByPolls, new JobEmulatorEngineOptions { WebhookTransport = receiver, WebhookLimits = new WebhookLimits(4, 1, 10) });
        var first = Submit(harness, "http://127.0.0.1:9/first", "s3cret");
        var second = Submit(harness, "http://127.0.0.1:9/second", "s3cret");

        Start(harness, first); // its attempt goes out at once, and the receiver takes 30 s to answer
        Start(harness, second); // the same receiver (scheme, host, port) has no room: this attempt waits
        clock.Advance(TimeSpan.FromSeconds(30));

        harness.Engine.Webhooks.Attempts.Select(a => (a.JobId, a.Time, a.Delivered)).Should().Equal((first, T0, true), (second, T0.AddSeconds(30), true));
        var sent = receiver.Received.Should().HaveCount(2).And.Subject.Last();
        var timestamp = T0.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        sent.Header("X-DocuRift-Timestamp").Should().Be(timestamp);
        sent.Header("X-DocuRift-Signature").Should().Be(DocuRiftSignature.Sign("s3cret", timestamp, sent.Body.Span));
    }

    [Fact]
    public void TheBacklogsDrops_AreReportedOneByOneForTheFirstTen_ThenEveryThousandth()
    {
        var clock = new ManualClock(T0);
        using var receiver = new GatedReceiver();
        var warnings = new List<string>();
        var options = new JobEmulatorEngineOptions { WebhookTransport = receiver, WebhookLimits = new WebhookLimits(2, 1, 1), Warnings = warnings.Add };
        var harness = EmulatorHarness.OnClock(clock, ByPolls, options);
        var scenario = harness.Engine.Scenarios.Scenarios[0];
        for (var i = 0; i < 100; i++)
        {
            harness.Engine.Webhooks.Subscribe(scenario, new Uri($"http://127.0.0.1:9/e{i}"), [DocuRiftSignature.Started], "s");
        }

        var endpoints = harness.Engine.Webhooks.EndpointsOf(scenario);
        var ids = Enumerable.Range(0, 11).Select(_ => Submit(harness)).ToList();
        foreach (var id in ids)
        {
            Start(harness, id); // 100 attempts each (one per endpoint, oldest endpoint first), to one receiver: one in flight, one waiting, the rest dropped
        }

        harness.Engine.Webhooks.Dropped.Should().Be(1098);
        warnings.Should().HaveCount(11);
        var firstDrop = harness.Engine.Webhooks.Attempts[0];
        const string Error = "dropped: the backlog of 1 waiting attempts was full (2 in flight at most, 1 per receiver), and this was the oldest";
        (firstDrop.JobId, firstDrop.Url, firstDrop.Time, firstDrop.Attempt, firstDrop.StatusCode, firstDrop.Error, firstDrop.Delivered, firstDrop.NextAttemptAt)
            .Should().Be((ids[0], endpoints[1].Url, T0, 1, (int?)null, Error, false, (DateTimeOffset?)null));
        warnings[0].Should().Be($"webhook document.processing.started ({firstDrop.EventId}) of docurift job {ids[0]} to {endpoints[1].Url}, attempt 1, {Error}; 1 dropped so far (GET /__admin/webhooks lists them)");
        warnings[9].Should().Contain("; 10 dropped so far");
        warnings[10].Should().Contain("; 1,000 dropped so far");

        receiver.Open();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        harness.Engine.Webhooks.Attempts.Should().HaveCount(1100).And.Subject.Count(a => a.Delivered).Should().Be(2);
    }

    private static void Start(EmulatorHarness harness, string id)
    {
        harness.Poll("docurift", DocuRiftUploads.Poll(Key, id));
        harness.Poll("docurift", DocuRiftUploads.Poll(Key, id)).Body.GetProperty("data").GetProperty("status").GetString().Should().Be("processing");
    }

    private static string Submit(EmulatorHarness harness, string? webhookUrl = null, string? secret = null)
    {
        var fields = new List<(string, string)>();
        if (webhookUrl is not null)
        {
            fields.Add(("webhookUrl", webhookUrl));
        }

        if (secret is not null)
        {
            fields.Add(("webhookSecret", secret));
        }

        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(Key, "invoice.pdf", [.. fields]));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>A receiver that takes a while on the emulator's clock to answer its first request, and answers the rest at once.</summary>
    private sealed class SlowFirstReceiver(ManualClock clock, TimeSpan takes) : IWebhookTransport
    {
        private int _count;

        public List<WebhookMessage> Received { get; } = [];

        public async ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        {
            lock (Received)
            {
                Received.Add(message);
            }

            if (Interlocked.Increment(ref _count) == 1)
            {
                var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var timer = clock.CreateTimer(_ => answered.TrySetResult(), null, takes, Timeout.InfiniteTimeSpan);
                await answered.Task.WaitAsync(cancellationToken);
            }

            return new WebhookResponse(200, null);
        }
    }

    /// <summary>A receiver that holds every request until it is opened.</summary>
    private sealed class GatedReceiver : IWebhookTransport, IDisposable
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        {
            await _open.Task.WaitAsync(cancellationToken);
            return new WebhookResponse(200, null);
        }

        public void Dispose() => _open.TrySetResult();
    }
}
