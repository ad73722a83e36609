using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>The headers every host sends with an answer, from <see cref="OperationResponse.WriteHeaders"/>: <c>Retry-After</c> first, then the dialect's own.</summary>
public sealed class AnswerHeadersTests
{
    [Fact]
    public void ARateLimitedAnswer_SendsRetryAfterInWholeSeconds_AndAPlainOneNothing()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: docurift
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, polls: 5 }, { status: completed }]
                faults: [{ on: { poll: 1 }, respond: 429, retry_after: 7s }]
            """);

        Headers(emulator.Poll("docurift", DialectRequests.For("docurift", "job_1")).Head).Should().Equal(("Retry-After", "7"));
        Headers(emulator.Poll("docurift", DialectRequests.For("docurift", "job_1")).Head).Should().BeEmpty();
        OperationResponse.ContentType.Should().Be("application/json; charset=utf-8");
    }

    [Fact]
    public void ADialectsOwnHeaders_FollowRetryAfter()
    {
        var emulator = EmulatorHarness.FromYaml("""
            dialect: aitronos
            jobs:
              - id: job_1
                lifecycle: [{ status: processing, polls: 5 }, { status: completed }]
                faults: [{ on: { poll: 1 }, respond: 429, retry_after: 3s }]
            """);

        var limited = Headers(emulator.Poll("aitronos", DialectRequests.For("aitronos", "job_1")).Head);
        var plain = Headers(emulator.Poll("aitronos", DialectRequests.For("aitronos", "job_1")).Head);

        limited[0].Should().Be(("Retry-After", "3"));
        limited.Skip(1).Select(h => h.Name).Should().Equal(plain.Select(h => h.Name)).And.Contain("x-request-id");
    }

    private static List<(string Name, string Value)> Headers(OperationResponse head)
    {
        var headers = new List<(string Name, string Value)>();
        head.WriteHeaders(headers, static (list, name, value) => list.Add((name, value)));
        return headers;
    }
}
