using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;
using static JobEmulator.Cli.Tests.Jobemu;

namespace JobEmulator.Cli.Tests;

/// <summary><c>jobemu replay</c> and <c>jobemu list</c>, run in-process.</summary>
public sealed class ReplayAndListTests
{

    [Fact]
    public async Task Replay_ShowsEachPollAsTheScriptSays_WithTheRateLimitAndTheWebhooks()
    {
        var (exit, output, errors) = await RunAsync("replay", Path.Combine(RepositoryPaths.Scenarios, "docurift", "rate-limited.yaml"), "--interval", "1s", "--factor", "2", "--format", "json");

        exit.Should().Be(ExitCodes.Ok, errors);
        var polls = JsonDocument.Parse(output).RootElement.GetProperty("polls").EnumerateArray().ToList();
        polls.Select(p => (p.GetProperty("at_seconds").GetDouble(), p.GetProperty("http").GetInt32(), p.GetProperty("status").GetString()))
            .Should().Equal((0, 200, "pending"), (1, 200, "pending"), (3, 429, "scripted-fault"), (7, 200, "processing"), (11, 200, "processing"), (19, 200, "completed"));
        polls[2].GetProperty("retry_after_seconds").GetInt32().Should().Be(2);
        polls.SelectMany(p => p.GetProperty("webhooks").EnumerateArray().Select(w => w.GetString())).Should().Equal("document.processing.started @+0:01.0", "document.processing.completed @+0:11.0");
    }

    [Fact]
    public async Task Replay_ATwentyMinuteJob_AsAPlainTableWhenPiped()
    {
        var (exit, output, _) = await RunAsync("replay", Path.Combine(RepositoryPaths.Scenarios, "docurift", "slow-job.yaml"), "--client", "fixed", "--interval", "1m");

        exit.Should().Be(ExitCodes.Ok);
        output.Should().Contain("completed").And.Contain("21 polls over 0:20:00 of simulated time.").And.NotContain("\u001b[");
    }

    [Fact]
    public async Task Replay_AnUnknownJob_SaysWhichJobsThereAre()
    {
        var (exit, _, errors) = await RunAsync("replay", Path.Combine(RepositoryPaths.Scenarios, "docurift", "slow-job.yaml"), "--job", "job_nope");

        exit.Should().Be(ExitCodes.InvalidArguments);
        errors.Should().Contain("job_slow0batch1");
    }

    [Fact]
    public async Task List_ShowsEveryOperationOfADialect_AndItsFields()
    {
        var (exit, output, _) = await RunAsync("list", "symbl");

        exit.Should().Be(ExitCodes.Ok);
        output.Should().Contain("POST   /oauth2/token:generate").And.Contain("PUT    /v1/process/text/{conversationId}").And.Contain("conversation_id").And.Contain("webhook events: status_change");
    }
}
