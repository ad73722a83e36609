using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// A submission's fields checked as the vendors document them: a closed set of choices and a pattern, both regardless
/// of case; a webhook address that must be an absolute http or https URL; each refusal's message naming the field
/// as the client sent it, and the value.
/// </summary>
public sealed class SubmissionFieldTests
{
    [Theory]
    [InlineData("gpt-4o", 200)]
    [InlineData("GPT-4o-Mini", 200)]
    [InlineData("gpt-5", 400)]
    public void AChoice_IsOneOfTheDocumentedValues_InAnyCase(string model, int status)
    {
        var emulator = EmulatorHarness.FromYaml("dialect: aitronos\nsubmitted_jobs: { lifecycle: [{ status: completed }] }");

        var answer = emulator.Send("aitronos", OperationKind.Submit, Aitronos("invoice.pdf", ("model", model)));

        answer.StatusCode.Should().Be(status, answer.Text);
        if (status == 400)
        {
            Message(answer).Should().Be("'model' must be one of: ftg-3.0, gpt-4o, gpt-4o-mini; found 'gpt-5'");
        }
    }

    [Theory]
    [InlineData("INVOICE.PDF", 200)]
    [InlineData("scan.Jpeg", 200)]
    [InlineData("notes.txt", 415)]
    public void APattern_MatchesInAnyCase(string fileName, int status)
    {
        var emulator = EmulatorHarness.FromYaml("dialect: aitronos\nsubmitted_jobs: { lifecycle: [{ status: completed }] }");

        var answer = emulator.Send("aitronos", OperationKind.Submit, Aitronos(fileName));

        answer.StatusCode.Should().Be(status, answer.Text);
        if (status == 415)
        {
            Message(answer).Should().Be("'file' is not accepted (the document: PDF, DOCX, XLSX, JPEG, PNG, GIF, BMP or TIFF); found 'notes.txt'");
            answer.Body.GetProperty("error").GetProperty("code").GetString().Should().Be("UNSUPPORTED_FILE_TYPE");
        }
    }

    [Fact]
    public void ARawUploadsContentType_IsNamedAsTheHeader()
    {
        var emulator = EmulatorHarness.FromYaml("dialect: symbl\nauth: { keys: [t] }\nsubmitted_jobs: { lifecycle: [{ status: completed }] }");
        var audio = emulator.Engine.Dialects.Find("symbl")!.Operations.Single(o => o.Method == "POST" && o.Route == "/v1/process/audio");

        var answer = emulator.Send("symbl", audio, new FakeRequest
        {
            Method = "POST",
            Path = "/v1/process/audio",
            Body = RequestBody.Read(new Dictionary<string, string>(), [new SubmittedFile(string.Empty, null, "text/plain", 10)]),
        }.Header("Authorization", "Bearer t"));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("message").GetString().Should()
            .Be("'Content-Type' is not accepted (the upload's Content-Type, audio/* or video/*; optional, as Symbl documents it); found 'text/plain'");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", 202)]
    [InlineData("https://receiver.example/hook", 202)]
    [InlineData("ftp://receiver.example/hook", 400)]
    [InlineData("/hook", 400)]
    public void AWebhookAddress_IsAnAbsoluteHttpOrHttpsUrl(string url, int status)
    {
        var emulator = EmulatorHarness.FromYaml("dialect: docurift\nsubmitted_jobs: { lifecycle: [{ status: processing, after: 1m }, { status: completed }] }");

        var answer = emulator.Send("docurift", OperationKind.Submit, DocuRiftUploads.Submit("k", "invoice.pdf", ("webhookUrl", url)));

        answer.StatusCode.Should().Be(status, answer.Text);
        if (status == 400)
        {
            answer.Body.GetProperty("error").GetProperty("message").GetString().Should().Be($"'webhookUrl' must be an absolute http or https URL; found '{url}'");
        }
    }

    private static FakeRequest Aitronos(string fileName, params (string Name, string Value)[] fields) =>
        new FakeRequest
        {
            Method = "POST",
            Body = RequestBody.Read(fields.Append(("organization_id", "o")).ToDictionary(f => f.Item1, f => f.Item2), [new SubmittedFile("file", fileName, "application/pdf", 100)]),
        }.Header("X-API-Key", "k");

    private static string? Message(Answer answer) => answer.Body.GetProperty("error").GetProperty("system_message").GetString();
}
