using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// A scenario's rate limit as a client reads it, in Aitronos' headers and answers: a request leaves the sliding
/// window exactly its length after it was made, <c>Retry-After</c> rounds up to whole seconds, and per-key windows
/// stay right at and past their bound of 10,000 keys.
/// </summary>
public sealed class RateWindowTests
{
    private const string Job = """
        jobs:
          - id: job_abc123def456
            lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void ARequest_LeavesTheWindowExactlyItsLengthAfterItWasMade()
    {
        var emulator = EmulatorHarness.FromYaml("dialect: aitronos\nrate_limit: { requests: 2, per: 10s }\n" + Job);

        var first = Poll(emulator, "k");
        emulator.Clock.Advance(TimeSpan.FromSeconds(4));
        var second = Poll(emulator, "k");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(5999));
        var refused = Poll(emulator, "k");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var third = Poll(emulator, "k");

        (first.StatusCode, second.StatusCode, refused.StatusCode, third.StatusCode).Should().Be((200, 200, 429, 200));
        (Header(first, "remaining"), Header(first, "reset")).Should().Be(("1", "10s"));
        (Header(second, "remaining"), Header(second, "reset")).Should().Be(("0", "6s"), "the first request leaves the window 6 s later");
        refused.Head.RetryAfterSeconds.Should().Be(1, "1 ms until a slot frees is said as one whole second");
        (Header(refused, "remaining"), Header(refused, "limit")).Should().Be(("0", "2"));
        (Header(third, "remaining"), Header(third, "reset")).Should().Be(("0", "4s"), "the first left as the third came; the second leaves 4 s later");
    }

    [Fact]
    public void PerKeyWindows_AreKeptForTenThousandKeys_AndAllForgottenWhenOneMoreArrives()
    {
        var emulator = EmulatorHarness.FromYaml("dialect: aitronos\nrate_limit: { requests: 1, per: 1h }\n" + Job);

        var first = Poll(emulator, "key-0").StatusCode;
        var others = Enumerable.Range(1, 9_999).Select(i => Poll(emulator, "key-" + i).StatusCode).Distinct().ToList();
        var again = Poll(emulator, "key-0").StatusCode;
        var newcomer = Poll(emulator, "key-10000").StatusCode;
        var afterTheBound = Poll(emulator, "key-0").StatusCode;

        (first, again, newcomer, afterTheBound).Should().Be((200, 429, 200, 200));
        others.Should().Equal(200);
    }

    [Fact]
    public void AGlobalWindow_IsNotForgotten_WhenPerKeyWindowsAre()
    {
        var emulator = EmulatorHarness.FromYamls([
            "name: global\ndialect: aitronos\nauth: { keys: [g] }\nrate_limit: { requests: 1, per: 1h, key: global }\n" + Job,
            "name: keyed\ndialect: aitronos\nrate_limit: { requests: 1, per: 1h }\njobs:\n  - id: job_other\n    lifecycle: [{ status: completed }]\n",
        ]);

        var first = Poll(emulator, "g").StatusCode;
        for (var i = 0; i <= 10_000; i++)
        {
            Poll(emulator, "key-" + i, "job_other");
        }

        (first, Poll(emulator, "g").StatusCode).Should().Be((200, 429));
    }

    [Fact]
    public void ASubmissionOverTheLimit_IsRefusedWithRetryAfter_AndJournaledAsRateLimited()
    {
        var emulator = EmulatorHarness.FromYaml("dialect: docurift\nrate_limit: { requests: 1, per: 30s }\nsubmitted_jobs: { lifecycle: [{ status: completed }] }");

        var first = emulator.Send("docurift", Core.Dialects.Operations.OperationKind.Submit, DocuRiftUploads.Submit("k"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = emulator.Send("docurift", Core.Dialects.Operations.OperationKind.Submit, DocuRiftUploads.Submit("k"));

        (first.StatusCode, second.StatusCode, second.Head.RetryAfterSeconds).Should().Be((202, 429, 20));
        emulator.Journal().Select(e => e.Outcome).Should().Equal("completed", "rate-limited");
    }

    private static Answer Poll(EmulatorHarness emulator, string key, string id = "job_abc123def456") =>
        emulator.Poll("aitronos", new FakeRequest { Path = "/v1/documents/jobs/" + id }.Header("X-API-Key", key).Route("job_id", id));

    private static string? Header(Answer answer, string name) => answer.Head.Headers?.Single(h => h.Key == "x-ratelimit-" + name + "-requests").Value;
}
