using System.Text;
using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>A seeded scenario replays byte for byte: ids, bodies, faults drawn by chance, latencies, limits.</summary>
public sealed class ReplayTests
{
    private const string Scenario = """
        version: 1
        name: replayable
        dialect: docurift
        seed: 2024
        latency: { status: { median: 50ms, sigma: 0.8, max: 1s }, submit: { min: 100ms, max: 400ms } }
        rate_limit: { requests: 20, per: 10s }
        submitted_jobs:
          lifecycle:
            - { status: pending, after: 2s }
            - { status: processing, after: 5s }
            - { status: completed }
          faults:
            - { on: { probability: 0.2, of: submissions }, respond: 503 }
            - { on: { probability: 0.15 }, respond: 500 }
            - { on: { probability: 0.05 }, network: malformed }
        """;

    [Fact]
    public void TheSameScenario_GivesTheSameAnswers_ByteForByte()
    {
        Run().Should().Be(Run());
    }

    private static string Run()
    {
        var harness = EmulatorHarness.FromYaml(Scenario);
        var transcript = new StringBuilder();
        var ids = new List<string>();
        for (var step = 0; step < 60; step++)
        {
            harness.Clock.Advance(TimeSpan.FromMilliseconds(700));
            var answer = step % 3 == 0 || ids.Count == 0
                ? harness.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k", $"file{step}.pdf"))
                : harness.Poll("docurift", DocuRiftUploads.Poll("k", ids[step % ids.Count]));
            if (answer.StatusCode == 202)
            {
                ids.Add(answer.Body.GetProperty("data").GetProperty("id").GetString()!);
            }

            transcript.Append($"{answer.StatusCode} {answer.Head.Delay?.Ticks} {answer.Head.RetryAfterSeconds} {answer.Head.Network} {answer.Text}\n");
        }

        return transcript.ToString();
    }
}
