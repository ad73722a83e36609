using FluentAssertions;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Every answer to a batch upload (Aitronos' <c>POST /v1/documents/extract/batch</c>), as the client and the journal
/// see it: the bounds on the number and size of files, a refusal naming the file it is about, all or nothing.
/// </summary>
public sealed class BatchAnswerTests
{
    private const string Scenario = """
        version: 1
        dialect: aitronos
        auth: { keys: [k] }
        submitted_jobs:
          lifecycle: [{ status: processing, after: 1s }, { status: completed }]
        """;

    [Fact]
    public void ABodyThatCannotBeRead_IsRefusedWithItsOwnStatusAndMessage_AndJournaledAsRefused()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var tooLarge = Batch(emulator, RequestBody.Refused(BodyReadStatus.TooLarge, "The batch is over 500 MB."));
        var malformed = Batch(emulator, RequestBody.Refused(BodyReadStatus.Malformed, "The multipart body is malformed."));

        (tooLarge.StatusCode, Code(tooLarge), Message(tooLarge)).Should().Be((413, "FILE_TOO_LARGE", "The batch is over 500 MB."));
        (malformed.StatusCode, Code(malformed), Message(malformed)).Should().Be((400, "VALIDATION_ERROR", "The multipart body is malformed."));
        emulator.Journal().Select(e => (e.StatusCode, e.Outcome, e.Credential)).Should().Equal((413, "refused", "k"), (400, "refused", "k"));
        emulator.Engine.JobCount.Should().Be(0);
    }

    [Theory]
    [InlineData(0, 400)]
    [InlineData(1, 200)]
    [InlineData(50, 200)]
    [InlineData(51, 400)]
    public void ABatch_HoldsOneToFiftyFiles(int count, int status)
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = Batch(emulator, Files(Enumerable.Range(1, count).Select(i => new SubmittedFile("files[]", $"doc{i}.pdf", "application/pdf", 100))));

        answer.StatusCode.Should().Be(status, answer.Text);
        if (status == 200)
        {
            answer.Body.GetProperty("total_documents").GetInt32().Should().Be(count);
            emulator.Engine.JobCount.Should().Be(count);
        }
        else
        {
            Message(answer).Should().Be($"A batch needs 1 to 50 files in 'files[]'; found {count}");
            emulator.Engine.JobCount.Should().Be(0);
        }
    }

    [Fact]
    public void FilesInAPartTheBatchDoesNotRead_AreNotCounted()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = Batch(emulator, Files([new SubmittedFile("documents", "a.pdf", "application/pdf", 100)]));

        answer.StatusCode.Should().Be(400);
        Message(answer).Should().Be("A batch needs 1 to 50 files in 'files[]'; found 0");
    }

    [Fact]
    public void EachFile_MayBeFiftyMegabytes_AndNotAByteMore_TheRefusalNamingIt()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        const long limit = 50L * 1024 * 1024; // Aitronos: 50 MB a document

        var atLimit = Batch(emulator, Files([new SubmittedFile("files[]", "a.pdf", null, limit)]));
        var over = Batch(emulator, Files([new SubmittedFile("files[]", "a.pdf", null, 10), new SubmittedFile("files[]", "huge.pdf", null, limit + 1)]));
        var nameless = Batch(emulator, Files([new SubmittedFile("files", null, null, limit + 1)]));

        atLimit.StatusCode.Should().Be(200, atLimit.Text);
        (over.StatusCode, Code(over), Message(over)).Should().Be((413, "FILE_TOO_LARGE", $"huge.pdf is larger than {limit} bytes"));
        Message(nameless).Should().Be($"a file is larger than {limit} bytes");
        emulator.Engine.JobCount.Should().Be(1, "only the batch within the limit made a job");
    }

    [Fact]
    public void AFileTheSingleUploadWouldRefuse_RefusesTheWholeBatch_NamingTheFile_WithTheSingleUploadsStatus()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        SubmittedFile Pdf(string name) => new("files[]", name, "application/pdf", 100);

        var wrongType = Batch(emulator, Files([Pdf("a.pdf"), Pdf("setup.exe")]));
        var nameless = Batch(emulator, Files([new SubmittedFile("files[]", null, null, 100)]));
        var badSchema = Batch(emulator, RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o", ["schema"] = "{not json" }, [Pdf("a.pdf")]));
        var noOrganization = Batch(emulator, RequestBody.Read(new Dictionary<string, string>(), [Pdf("a.pdf")]));

        (wrongType.StatusCode, Code(wrongType)).Should().Be((415, "UNSUPPORTED_FILE_TYPE"));
        Message(wrongType).Should().StartWith("setup.exe: 'file' is not accepted (").And.EndWith("found 'setup.exe'");
        (nameless.StatusCode, Message(nameless)).Should().Be((415, "a file: 'file' is not accepted (the document: PDF, DOCX, XLSX, JPEG, PNG, GIF, BMP or TIFF); found 'upload'"));
        (badSchema.StatusCode, Code(badSchema), Message(badSchema)).Should().Be((400, "VALIDATION_ERROR", "a.pdf: 'schema' is not valid JSON"));
        (noOrganization.StatusCode, Code(noOrganization)).Should().Be((400, "VALIDATION_ERROR"));
        Message(noOrganization).Should().StartWith("a.pdf: 'organization_id' is required (");
        emulator.Engine.JobCount.Should().Be(0);
        emulator.Journal().Select(e => e.Outcome).Should().AllBe("refused");
    }

    [Fact]
    public void AnAcceptedBatch_IsJournaledUnderItsBatchId_AndARefusalForWantOfRoom_AsTooManyJobs()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario, new JobEmulatorEngineOptions { MaxJobsPerDialect = 2 });
        var files = Files([new SubmittedFile("files[]", "a.pdf", null, 10), new SubmittedFile("files[]", "b.pdf", null, 10)]);

        var accepted = Batch(emulator, files);
        var refused = Batch(emulator, files);

        var batchId = accepted.Body.GetProperty("batch_id").GetString();
        emulator.Journal().Select(e => (e.StatusCode, e.Outcome, e.JobId, e.Credential)).Should().Equal(
            (200, "batch-submitted", batchId, "k"), (429, "too-many-jobs", (string?)null, "k"));
        (Code(refused), refused.Head.RetryAfterSeconds).Should().Be(("RATE_LIMIT_EXCEEDED", 1));
    }

    private static RequestBody Files(IEnumerable<SubmittedFile> files) =>
        RequestBody.Read(new Dictionary<string, string> { ["organization_id"] = "o" }, [.. files]);

    private static Answer Batch(EmulatorHarness emulator, RequestBody body) =>
        emulator.Send("aitronos", OperationKind.BatchSubmit, new FakeRequest { Method = "POST", Body = body }.Header("X-API-Key", "k"));

    private static string? Code(Answer answer) => answer.Body.GetProperty("error").GetProperty("code").GetString();

    private static string? Message(Answer answer) => answer.Body.GetProperty("error").GetProperty("system_message").GetString();
}
