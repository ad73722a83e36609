using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>Poll counts are exact when many clients poll one job at once.</summary>
public sealed class ConcurrencyTests
{
    private const int Pollers = 64;
    private const int PollsEach = 100;

    [Fact]
    public async Task Poll_64ParallelPollers_NeverLoseOrDoubleACount()
    {
        var emulator = EmulatorHarness.FromYaml($"""
            dialect: docurift
            jobs:
              - id: job_hot
                lifecycle:
                  - {"{"} status: pending, polls: {Pollers * PollsEach} {"}"}
                  - {"{"} status: completed {"}"}
                faults:
                  - on: {"{"} poll: 3000 {"}"}
                    respond: 503
            """);
        using var start = new Barrier(Pollers);

        // Dedicated threads: 64 pollers blocked on one barrier would starve a 2-core thread pool.
        var results = await Task.WhenAll(Enumerable.Range(0, Pollers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var seen = new List<(int Status, string? Word)>(PollsEach);
            for (var i = 0; i < PollsEach; i++)
            {
                var answer = emulator.Poll("docurift", new FakeRequest().Route("id", "job_hot").Header("X-API-Key", "k"));
                seen.Add((answer.StatusCode, answer.StatusCode == 200 ? answer.Body.GetProperty("data").GetProperty("status").GetString() : null));
            }

            return seen;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var all = results.SelectMany(r => r).ToList();
        all.Should().HaveCount(Pollers * PollsEach);
        all.Count(a => a.Status == 503).Should().Be(1, "exactly one request is the 3000th");
        all.Count(a => a.Word == "pending").Should().Be((Pollers * PollsEach) - 1);
        all.Should().NotContain(a => a.Word == "completed", "the step needs every one of its polls before it ends");

        // One request was the fault, so exactly one lifecycle poll of the pending step remains.
        var next = emulator.Poll("docurift", new FakeRequest().Route("id", "job_hot").Header("X-API-Key", "k"));
        next.Body.GetProperty("data").GetProperty("status").GetString().Should().Be("pending");
        emulator.Poll("docurift", new FakeRequest().Route("id", "job_hot").Header("X-API-Key", "k"))
            .Body.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
    }
}
