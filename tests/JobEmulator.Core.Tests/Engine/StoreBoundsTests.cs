using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// The run-time stores as a client meets them: the concurrent-job limit and the per-minute request count keep
/// answering right at and past their bounds of 10,000 keys, and a template's <c>nth</c> routes across scenarios.
/// </summary>
public sealed class StoreBoundsTests
{
    [Fact]
    public void AtTheConcurrentJobLimit_RetryAfter_IsTheEarliestEndAmongTheRunningJobs()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            limits: { concurrent_jobs: 3 }
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: processing, after: 50s }, { status: completed }]
              - lifecycle: [{ status: processing, after: 30s }, { status: completed }]
            """);

        var started = new List<int> { Submit(emulator, "k").StatusCode };
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        started.Add(Submit(emulator, "k").StatusCode);
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        started.Add(Submit(emulator, "k").StatusCode);
        var refused = Submit(emulator, "k");

        started.Should().Equal(202, 202, 202);
        refused.StatusCode.Should().Be(429);
        refused.Head.RetryAfterSeconds.Should().Be(25, "the running jobs end at 50 s, 35 s and 40 s; it is 10 s now");
    }

    [Fact]
    public void TheConcurrentJobLimit_StillHolds_AfterTenThousandOtherKeysEachStartedAJob()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            limits: { concurrent_jobs: 1 }
            submitted_jobs:
              lifecycle: [{ status: processing, after: 1h }, { status: completed }]
            """, new Core.Engine.JobEmulatorEngineOptions { MaxJobsPerDialect = 20_000 });

        var first = Submit(emulator, "key-0").StatusCode;
        for (var i = 1; i <= 10_000; i++)
        {
            Submit(emulator, "key-" + i).StatusCode.Should().Be(202);
        }

        var again = Submit(emulator, "key-0");

        first.Should().Be(202);
        again.StatusCode.Should().Be(429, "key-0's job is still running, however many keys came since");
    }

    [Fact]
    public void TheRequestCountHeaders_CountEachKeyApart_AndStartAgainInTheNextMinute()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            jobs:
              - id: job_abc123def456
                lifecycle: [{ status: completed }]
            """);
        emulator.Clock.Advance(TimeSpan.FromSeconds(50));

        var remaining = new[] { "a", "b", "a", "a" }.Select(key => Remaining(emulator, key)).ToList();
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        remaining.Add(Remaining(emulator, "a"));

        remaining.Should().Equal("59", "59", "58", "57", "59");
    }

    [Fact]
    public void TheRequestCounts_ForgetEveryKey_WhenAKeyPastTheTenThousandthArrives()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            jobs:
              - id: job_abc123def456
                lifecycle: [{ status: completed }]
            """);

        for (var i = 0; i < 10_000; i++)
        {
            Poll(emulator, "key-" + i);
        }

        var beforeTheBound = Remaining(emulator, "key-0");
        var newcomer = Remaining(emulator, "key-10000");
        var afterTheBound = Remaining(emulator, "key-0");

        (beforeTheBound, newcomer, afterTheBound).Should().Be(("58", "59", "59"));
    }

    [Fact]
    public void ATemplateForTheFirstSubmission_TakesItInItsScenario_AndTheNextGoesOnToTheFollowingScenario()
    {
        var emulator = EmulatorHarness.FromYamls(["""
            name: first-only
            dialect: docurift
            submitted_jobs:
              - when: { nth: 1 }
                lifecycle: [{ status: failed, error: the first one fails }]
            """, """
            name: the-rest
            dialect: docurift
            submitted_jobs:
              lifecycle: [{ status: completed }]
            """]);

        var statuses = Enumerable.Range(0, 3).Select(_ => Submit(emulator, "k").Body.GetProperty("data").GetProperty("status").GetString()).ToList();

        statuses.Should().Equal("failed", "completed", "completed");
    }

    private static Answer Submit(EmulatorHarness emulator, string key) =>
        emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key));

    private static Answer Poll(EmulatorHarness emulator, string key) =>
        emulator.Poll("aitronos", new FakeRequest { Path = "/v1/documents/jobs/job_abc123def456" }.Header("X-API-Key", key).Route("job_id", "job_abc123def456"));

    private static string? Remaining(EmulatorHarness emulator, string key) =>
        Poll(emulator, key).Head.Headers?.Single(h => h.Key == "x-ratelimit-remaining-requests").Value;
}
