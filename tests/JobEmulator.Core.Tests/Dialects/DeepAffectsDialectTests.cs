using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>DeepAffects against seed 001.</summary>
public sealed class DeepAffectsDialectTests
{
    private const string Scenario = """
        dialect: deepaffects
        auth: { keys: [API_KEY] }
        jobs:
          - id: <REQUEST_ID>
            lifecycle:
              - { status: queued, polls: 1 }
              - { status: Running, after: 10s }
              - status: Completed
                result:
                  confidence: 0.97
                  num_speakers: 2
                  transcript: "Hi! Hello, this is Susan."
                  words:
                    - { confidence: 0.97, end: 1, speaker_id: "1", start: 0, word: Hi }
                    - { confidence: 0.97, end: 2, speaker_id: "2", start: 1.2, word: Hello }
                    - { confidence: 0.97, end: 2.6, speaker_id: "2", start: 2, word: this }
                    - { confidence: 0.97, end: 3, speaker_id: "2", start: 2.6, word: is }
                    - { confidence: 0.97, end: 4, speaker_id: "2", start: 3, word: Susan }
          - id: failing
            lifecycle:
              - { status: Running, polls: 1 }
              - { status: Failed, error: Audio could not be decoded }
        """;

    private static FakeRequest Status(string? id, string? key = "API_KEY")
    {
        var request = new FakeRequest();
        if (id is not null)
        {
            request.Query("request_id", id);
        }

        if (key is not null)
        {
            request.Query("apikey", key);
        }

        return request;
    }

    [Fact]
    public void Poll_ToCompletion_QueuedAndRunningBothSayRunning_ThenMatchesDocumentedOutput()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var queued = emulator.Poll("deepaffects", Status("<REQUEST_ID>"));
        var running = emulator.Poll("deepaffects", Status("<REQUEST_ID>"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        var completed = emulator.Poll("deepaffects", Status("<REQUEST_ID>"));

        queued.Body.GetProperty("status").GetString().Should().Be("Running");
        running.Body.GetProperty("status").GetString().Should().Be("Running");
        running.Body.GetProperty("response").GetProperty("request_id").GetString().Should().Be("<REQUEST_ID>");
        completed.ShouldMatchGolden("deepaffects", "completed");
    }

    [Fact]
    public void Poll_FailedJob_SaysFailedWithTheScriptedError()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        emulator.Poll("deepaffects", Status("failing"));

        var answer = emulator.Poll("deepaffects", Status("failing"));

        answer.Body.GetProperty("status").GetString().Should().Be("Failed");
        answer.Body.GetProperty("response").GetProperty("response").GetProperty("error").GetString().Should().Be("Audio could not be decoded");
    }

    [Theory]
    [InlineData(null, 401, "steps.oauth.v2.FailedToResolveAPIKey")]
    [InlineData("nope", 401, "oauth.v2.InvalidApiKey")]
    public void Poll_BadApiKey_AnswersApigeeFault(string? key, int status, string errorCode)
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("deepaffects", Status("<REQUEST_ID>", key));

        answer.StatusCode.Should().Be(status);
        answer.Body.GetProperty("fault").GetProperty("faultstring").GetString().Should().NotBeNullOrEmpty();
        answer.Body.GetProperty("fault").GetProperty("detail").GetProperty("errorcode").GetString().Should().Be(errorCode);
    }

    [Fact]
    public void Poll_WrongApiKey_MatchesDeepAffectsDocumentedFault()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        // DeepAffects' error reference (docs/errors.md) quotes this Apigee fault for an invalid key.
        emulator.Poll("deepaffects", Status("<REQUEST_ID>", "stale")).ShouldMatchGolden("deepaffects", "invalid-api-key");
    }

    [Fact]
    public void Poll_WithoutRequestId_Answers400Fault()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("deepaffects", Status(null));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("fault").GetProperty("detail").GetProperty("errorcode").GetString().Should().NotBeNullOrEmpty();
    }
}
