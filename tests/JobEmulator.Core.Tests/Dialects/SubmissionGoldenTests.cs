using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>
/// The bodies of the operations beyond polling, against the shapes the vendors' public docs and SDK models
/// give (field names, types, order); ids and tokens are per request.
/// </summary>
public sealed class SubmissionGoldenTests
{
    [Fact]
    public void Symbl_Token_AndSubmission_MatchTheSdkModels()
    {
        var harness = EmulatorHarness.FromYamls([]);

        var token = harness.Send("symbl", OperationKind.Token, Json(("type", "application"), ("appId", "a"), ("appSecret", "s")));
        var submitted = harness.Send("symbl", harness.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Route == "/v1/process/audio/url"), Json(("url", "https://example.com/a.mp3")).Header("Authorization", "Bearer t"));

        token.ShouldMatchGolden("symbl", "token", "accessToken");
        submitted.ShouldMatchGolden("symbl", "submitted", "conversationId", "jobId");
    }

    [Fact]
    public void DeepAffects_Submission_EchoesRequestIdAndApi()
    {
        var harness = EmulatorHarness.FromYamls([]);
        var request = Json(("url", "https://example.com/a.wav")).Query("apikey", "k").Query("request_id", "8bdd983a-c6bd-4159-982d-6a2471406d62").Route("area", "audio").Route("api", "recognise_emotion");

        harness.Send("deepaffects", OperationKind.Submit, request).ShouldMatchGolden("deepaffects", "submitted");
    }

    [Fact]
    public void Waveline_AnEmptyList_HasItsPageFields()
    {
        var harness = EmulatorHarness.FromYamls([]);

        harness.Send("waveline", OperationKind.List, new FakeRequest().Header("Authorization", "Bearer k")).ShouldMatchGolden("waveline", "list");
    }

    [Fact]
    public void Aitronos_Batch_MatchesTheDocumentedShape()
    {
        var harness = EmulatorHarness.FromYamls([]);
        var request = new FakeRequest { Method = "POST", Body = RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o" }, [new SubmittedFile("files[]", "a.pdf", "application/pdf", 10)]) }.Header("X-API-Key", "k");

        harness.Send("aitronos", OperationKind.BatchSubmit, request).ShouldMatchGolden("aitronos", "batch", "batch_id", "job_ids");
    }

    [Fact]
    public void DocuRift_WebhookRegistration_ShowsTheSecretOnce()
    {
        var harness = EmulatorHarness.FromYamls([]);
        var request = Json(("url", "https://app.example/hooks"), ("events", """["document.processing.completed"]""")).Header("X-API-Key", "k");

        harness.Send("docurift", OperationKind.WebhookCreate, request).ShouldMatchGolden("docurift", "webhook-registered", "data.id", "data.secret");
    }

    private static FakeRequest Json(params (string Name, string Value)[] fields) =>
        new() { Method = "POST", Body = RequestBody.Read(fields.ToDictionary(f => f.Name, f => f.Value), []) };
}
