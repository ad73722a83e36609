using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Exchanging an app's credentials for a token (Symbl's <c>POST /oauth2/token:generate</c>): each refusal as the
/// client and the journal see it, and the store of issued tokens, which keeps at most 10,000.
/// </summary>
public sealed class TokenOperationTests
{
    private const string Scenario = """
        version: 1
        dialect: symbl
        auth:
          apps: [{ app_id: my_app, app_secret: my_secret }]
        jobs:
          - id: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9
            lifecycle: [{ status: completed }]
        """;

    [Fact]
    public void EveryAnswer_IsJournaledWithItsOutcome_AndTheAppAsTheCredential()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var tooLarge = Token(emulator, RequestBody.Refused(BodyReadStatus.TooLarge, "too big"));
        var malformed = Token(emulator, RequestBody.Refused(BodyReadStatus.Malformed, "not JSON"));
        var incomplete = Token(emulator, Fields(("type", "application"), ("appId", "my_app")));
        var wrong = Token(emulator, Fields(("type", "application"), ("appId", "my_app"), ("appSecret", "nope")));
        var issued = Token(emulator, Fields(("type", "application"), ("appId", "my_app"), ("appSecret", "my_secret")));

        new[] { tooLarge, malformed, incomplete, wrong, issued }.Select(a => a.StatusCode).Should().Equal(413, 400, 400, 401, 200);
        tooLarge.Text.Should().Be("""{"message":"Payload Too Large"}""");
        malformed.Text.Should().Be("""{"message":"not JSON"}""");
        incomplete.Text.Should().Be("""{"message":"'appId' and 'appSecret' are required"}""");
        wrong.Text.Should().Be("""{"message":"Invalid appId or appSecret."}""");
        emulator.Journal().Select(e => (e.Outcome, e.Credential)).Should().Equal(
            ("malformed", (string?)null), ("malformed", null), ("invalid-token-request", null), ("invalid-app", "my_app"), ("token-issued", "my_app"));
    }

    [Fact]
    public void PastTenThousandTokens_TheOldestTenthIsForgotten_AndTheRestStillOpenTheirJobs()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        var tokens = new List<string>();
        for (var i = 0; i <= 10_000; i++)
        {
            tokens.Add(Token(emulator, Fields(("type", "application"), ("appId", "my_app"), ("appSecret", "my_secret"))).Body.GetProperty("accessToken").GetString()!);
            if (i is 0 or 999 or 9_999)
            {
                emulator.Clock.Advance(TimeSpan.FromSeconds(1)); // so the first 1,000 are the oldest
            }
        }

        Poll(emulator, tokens[0]).StatusCode.Should().Be(401, "the first token was among the oldest 1,000, dropped for the 10,001st");
        Poll(emulator, tokens[999]).StatusCode.Should().Be(401);
        Poll(emulator, tokens[1_000]).StatusCode.Should().Be(200, "only a tenth is dropped");
        Poll(emulator, tokens[^1]).StatusCode.Should().Be(200);
        Poll(emulator, tokens[^2]).StatusCode.Should().Be(200, "the 10,000th was kept: the store was full only when the 10,001st came");
    }

    private static Answer Token(EmulatorHarness emulator, RequestBody body) =>
        emulator.Send("symbl", OperationKind.Token, new FakeRequest { Method = "POST", Path = "/oauth2/token:generate", Body = body });

    private static RequestBody Fields(params (string Name, string Value)[] fields) =>
        RequestBody.Read(fields.ToDictionary(f => f.Name, f => f.Value), []);

    private static Answer Poll(EmulatorHarness emulator, string token) =>
        emulator.Poll("symbl", new FakeRequest().Route("jobId", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9").Header("Authorization", "Bearer " + token));
}
