using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Scripted 403/429/500/503 in each vendor's own envelope; 429 always carries Retry-After.</summary>
public sealed class ScriptedFaultTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var dialect in new[] { "symbl", "deepaffects", "waveline", "aitronos", "docurift" })
        {
            foreach (var status in new[] { 403, 429, 500, 503 })
            {
                data.Add(dialect, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Poll_ScriptedFault_AnswersInTheVendorsEnvelope(string dialect, int status)
    {
        var emulator = EmulatorHarness.FromYaml($"""
            dialect: {dialect}
            jobs:
              - id: job_1
                lifecycle: [{"{"} status: completed {"}"}]
                faults: [{"{"} on: {"{"} poll: 1 {"}"}, respond: {status} {"}"}]
            """);

        var answer = emulator.Poll(dialect, DialectRequests.For(dialect, "job_1"));

        answer.StatusCode.Should().Be(status);
        answer.Head.RetryAfterSeconds.Should().Be(status == 429 ? 1 : null, "429 always says when to retry (1 s unless scripted)");
        EnvelopeOf(dialect, answer).Should().BeTrue(answer.Text);
    }

    private static bool EnvelopeOf(string dialect, Answer answer)
    {
        var body = answer.Body;
        return dialect switch
        {
            "symbl" => body.TryGetProperty("message", out _) && (answer.StatusCode != 429 || body.GetProperty("statusCode").GetInt32() == 429),
            "deepaffects" => body.GetProperty("fault").TryGetProperty("faultstring", out _) && body.GetProperty("fault").GetProperty("detail").TryGetProperty("errorcode", out _),
            "waveline" => body.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.String,
            "aitronos" => !body.GetProperty("success").GetBoolean() && body.GetProperty("error").GetProperty("status").GetInt32() == answer.StatusCode
                && body.GetProperty("error").TryGetProperty("trace_id", out _) && body.GetProperty("error").TryGetProperty("timestamp", out _),
            _ => !body.GetProperty("success").GetBoolean() && body.GetProperty("error").TryGetProperty("code", out _) && body.GetProperty("error").TryGetProperty("message", out _),
        };
    }
}
