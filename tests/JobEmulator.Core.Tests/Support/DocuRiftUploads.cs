using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Tests.Support;

/// <summary>DocuRift submissions as a host would hand them to the engine.</summary>
internal static class DocuRiftUploads
{
    public static FakeRequest Submit(string key, string fileName = "invoice.pdf", params (string Name, string Value)[] fields) =>
        new FakeRequest
        {
            Method = "POST",
            Path = "/v1/documents/process/async",
            Body = RequestBody.Read(fields.ToDictionary(f => f.Name, f => f.Value), [new SubmittedFile("file", fileName, "application/pdf", 1234)]),
        }.Header("X-API-Key", key);

    public static FakeRequest Poll(string key, string id) => new FakeRequest { Path = "/v1/jobs/" + id }.Header("X-API-Key", key).Route("id", id);
}
