using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>rate_limit (a sliding window per key or global, on the emulator's clock) and limits.concurrent_jobs.</summary>
public sealed class LimitTests
{
    private const string RateLimited = """
        version: 1
        dialect: docurift
        rate_limit: { requests: 3, per: 10s }
        jobs:
          - id: job_limited
            lifecycle: [{ status: processing, polls: 10 }, { status: completed }]
        """;

    [Fact]
    public void APerKeyLimit_AnswersTheFourthRequest429_WithRetryAfterUntilASlotFrees()
    {
        var harness = EmulatorHarness.FromYaml(RateLimited);
        var answers = new List<Answer>();

        foreach (var at in new[] { 0, 2, 4, 6 })
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(at) - (harness.Clock.GetUtcNow() - EmulatorHarness.DocumentTime));
            answers.Add(harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_limited")));
        }

        answers.Select(a => a.StatusCode).Should().Equal(200, 200, 200, 429);
        answers[3].Head.RetryAfterSeconds.Should().Be(4, "the first request leaves the window at 10 s");
        answers[3].Body.GetProperty("error").GetProperty("code").GetString().Should().Be("RATE_LIMIT_EXCEEDED");
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_limited")).StatusCode.Should().Be(200);
        harness.Poll("docurift", DocuRiftUploads.Poll("other_key", "job_limited")).StatusCode.Should().Be(200, "each key has its own budget");
    }

    [Fact]
    public void ARefusedRequest_IsNotCountedAsAPoll()
    {
        var harness = EmulatorHarness.FromYaml(RateLimited.Replace("polls: 10", "polls: 3", StringComparison.Ordinal));
        for (var i = 0; i < 5; i++)
        {
            harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_limited"));
        }

        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        harness.Poll("docurift", DocuRiftUploads.Poll("k", "job_limited")).Body.GetProperty("data").GetProperty("status").GetString()
            .Should().Be("completed", "three answered polls ended the step; the two refused ones did not count");
        harness.Journal().Where(e => e.StatusCode == 429).Should().HaveCount(2).And.OnlyContain(e => e.Status == null);
    }

    [Fact]
    public void AGlobalLimit_IsSharedByEveryKey_AndCountsSubmissions()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            dialect: docurift
            rate_limit: { requests: 2, per: 1m, key: global }
            """);

        var codes = new[] { "a", "b", "c" }.Select(key => harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit(key)).StatusCode);

        codes.Should().Equal(202, 202, 429);
    }

    [Fact]
    public void ConcurrentJobs_AreCappedPerKey_UntilOneFinishesOnTheClock()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            dialect: symbl
            limits: { concurrent_jobs: 2 }
            submitted_jobs:
              lifecycle: [{ status: in_progress, after: 30s }, { status: completed }]
            """);
        var audio = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url");
        Answer Submit(string key) => harness.Send("symbl", audio, new FakeRequest
        {
            Method = "POST",
            Body = Core.Dialects.Submissions.RequestBody.Read(new Dictionary<string, string> { ["url"] = "https://example.com/a.mp3" }, []),
        }.Header("Authorization", "Bearer " + key));

        var codes = new[] { Submit("k").StatusCode, Submit("k").StatusCode };
        var third = Submit("k");
        var otherKey = Submit("other").StatusCode;
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        var afterOneFinished = Submit("k").StatusCode;

        codes.Should().Equal(201, 201);
        third.StatusCode.Should().Be(429);
        third.Body.GetProperty("message").GetString().Should().StartWith("This API has a limit of maximum of 2 number of concurrent jobs per account.");
        third.Body.GetProperty("statusCode").GetInt32().Should().Be(429);
        otherKey.Should().Be(201);
        afterOneFinished.Should().Be(201);
    }

    [Theory]
    [InlineData("[{ status: in_progress, after: 90s }, { status: completed }]", 80)]
    [InlineData("[{ status: scheduled, after: 30s }, { status: in_progress, after: 60s }, { status: completed }]", 80)]
    [InlineData("[{ status: in_progress, polls: 3 }, { status: completed }]", 1)]
    public void AtTheConcurrentJobLimit_RetryAfter_IsWhenTheEarliestRunningJobIsScriptedToEnd(string lifecycle, int retryAfter)
    {
        var harness = EmulatorHarness.FromYaml($$"""
            version: 1
            dialect: symbl
            limits: { concurrent_jobs: 1 }
            submitted_jobs:
              lifecycle: {{lifecycle}}
            """);
        var audio = harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url");
        Answer Submit() => harness.Send("symbl", audio, new FakeRequest
        {
            Method = "POST",
            Body = Core.Dialects.Submissions.RequestBody.Read(new Dictionary<string, string> { ["url"] = "https://example.com/a.mp3" }, []),
        }.Header("Authorization", "Bearer k"));

        Submit().StatusCode.Should().Be(201);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var refused = Submit();

        refused.StatusCode.Should().Be(429);
        refused.Head.RetryAfterSeconds.Should().Be(retryAfter, "the running job ends 90 s after it started, 10 s ago; a job that ends by polls alone may end at the next poll");
    }

    [Fact]
    public void AitronosHeaders_CountDownTheScenariosLimit()
    {
        var harness = EmulatorHarness.FromYaml("""
            version: 1
            dialect: aitronos
            rate_limit: { requests: 2, per: 30s }
            jobs:
              - id: job_abc123def456
                lifecycle: [{ status: completed }]
            """);
        var poll = new FakeRequest().Header("X-API-Key", "k").Route("job_id", "job_abc123def456");

        var answers = Enumerable.Range(0, 3).Select(_ => harness.Poll("aitronos", poll)).ToList();

        answers.Select(a => a.Head.Headers!.Single(h => h.Key == "x-ratelimit-remaining-requests").Value).Should().Equal("1", "0", "0");
        answers.Select(a => a.Head.Headers!.Single(h => h.Key == "x-ratelimit-limit-requests").Value).Should().AllBe("2");
        answers[2].StatusCode.Should().Be(429);
        answers[2].Head.Headers!.Single(h => h.Key == "x-ratelimit-reset-requests").Value.Should().Be("30s");
    }
}
