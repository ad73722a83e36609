using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Webhook delivery never holds up a client, and what it takes on is bounded: attempts in flight are capped, the rest
/// wait in a bounded backlog, and what the backlog drops is recorded.
/// </summary>
public sealed class WebhookBoundsTests
{
    private const string Key = "frc_test_key";

    private const string ByPolls = """
        version: 1
        name: hooks
        dialect: docurift
        auth: { keys: [frc_test_key] }
        submitted_jobs:
          lifecycle:
            - { status: pending, polls: 1 }
            - { status: processing, after: 1s }
            - { status: completed }
        webhooks: { timeout: 5s, retry: [10s] }
        """;

    // Generous: only a hang (a poll that waits for the receiver) runs into it; nothing is timed.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnAManualClock_APollThatMovesAJob_DoesNotWaitForItsWebhook()
    {
        var clock = new ManualClock(EmulatorHarness.DocumentTime);
        using var receiver = new GatedTransport();
        var harness = EmulatorHarness.OnClock(clock, ByPolls, new JobEmulatorEngineOptions { WebhookTransport = receiver });
        var id = Submit(harness, "http://127.0.0.1:9/never-answers");

        var polls = Task.Run(() =>
        {
            harness.Poll("docurift", DocuRiftUploads.Poll(Key, id));
            return harness.Poll("docurift", DocuRiftUploads.Poll(Key, id));
        });

        var answer = await polls.WaitAsync(Hang, TestContext.Current.CancellationToken);
        answer.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("processing");
        await receiver.Entered.WaitAsync(Hang, TestContext.Current.CancellationToken);
        harness.Engine.Webhooks.Attempts.Should().BeEmpty("the attempt is still waiting for the receiver");

        receiver.Open();
        clock.Advance(TimeSpan.FromSeconds(2)); // waits for the attempt the poll started, then runs the next instant's

        harness.Engine.Webhooks.Attempts.Select(a => a.EventType).Should().Equal("document.processing.started", "document.processing.completed");
    }

    [Fact]
    public void AnAdvance_StartsTheAttemptsOfOneInstantTogether_AndReturnsWhenAllHaveEnded()
    {
        var clock = new ManualClock(EmulatorHarness.DocumentTime);
        var receivers = new MeetingTransport(expected: 4);
        var harness = EmulatorHarness.OnClock(clock, ByPolls.Replace("- { status: pending, polls: 1 }", "- { status: pending, after: 1s }", StringComparison.Ordinal), new JobEmulatorEngineOptions { WebhookTransport = receivers });
        for (var i = 0; i < 4; i++)
        {
            Submit(harness, $"http://127.0.0.{i + 1}:9/slow");
        }

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        receivers.MostAtOnce.Should().Be(4, "the four attempts due at the same instant run concurrently, not one timeout after another");
        harness.Engine.Webhooks.Attempts.Should().HaveCount(4).And.OnlyContain(a => a.Delivered);
    }

    [Fact]
    public void PastTheBacklog_TheOldestWaitingAttemptIsDropped_AndRecorded()
    {
        var clock = new ManualClock(EmulatorHarness.DocumentTime);
        using var receiver = new GatedTransport();
        var warnings = new List<string>();
        var options = new JobEmulatorEngineOptions { WebhookTransport = receiver, WebhookLimits = new WebhookLimits(1, 1, 2), Warnings = warnings.Add };
        var harness = EmulatorHarness.OnClock(clock, ByPolls, options);
        var ids = Enumerable.Range(0, 4).Select(_ => Submit(harness, "http://127.0.0.1:9/one-at-a-time")).ToList();

        foreach (var id in ids)
        {
            harness.Poll("docurift", DocuRiftUploads.Poll(Key, id));
            harness.Poll("docurift", DocuRiftUploads.Poll(Key, id)); // pending -> processing: one event each
        }

        harness.Engine.Webhooks.InFlight.Should().Be(1);
        harness.Engine.Webhooks.Waiting.Should().Be(2);
        harness.Engine.Webhooks.Dropped.Should().Be(1);
        var dropped = harness.Engine.Webhooks.Attempts.Should().ContainSingle().Subject;
        dropped.JobId.Should().Be(ids[1], "the first job's attempt is in flight; the second's was the oldest waiting");
        dropped.Delivered.Should().BeFalse();
        dropped.Error.Should().StartWith("dropped: the backlog of 2 waiting attempts was full");
        warnings.Should().ContainSingle().Which.Should().Contain(ids[1]);

        receiver.Open();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        harness.Engine.Webhooks.Attempts.Where(a => a.Delivered).Select(a => a.JobId).Should().Equal(ids[0], ids[2], ids[3]);
    }

    private static string Submit(EmulatorHarness harness, string webhookUrl)
    {
        var answer = harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(Key, "invoice.pdf", ("webhookUrl", webhookUrl)));
        answer.StatusCode.Should().Be(202, answer.Text);
        return answer.Body.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>A receiver that holds every request until it is opened.</summary>
    private sealed class GatedTransport : IWebhookTransport, IDisposable
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Open() => _open.TrySetResult();

        public async ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            return new WebhookResponse(200, null);
        }

        public void Dispose() => _open.TrySetResult();
    }

    /// <summary>Receivers that answer once <c>expected</c> requests are open at once (or after a while, if they never are).</summary>
    private sealed class MeetingTransport(int expected) : IWebhookTransport
    {
        private readonly TaskCompletionSource _met = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _open;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public async ValueTask<WebhookResponse> SendAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var open = Interlocked.Increment(ref _open);
            InterlockedMax(ref _most, open);
            if (open == expected)
            {
                _met.TrySetResult();
            }

            await Task.WhenAny(_met.Task, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
            Interlocked.Decrement(ref _open);
            return new WebhookResponse(200, null);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
