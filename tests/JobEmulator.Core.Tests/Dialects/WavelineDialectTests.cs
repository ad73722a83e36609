using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>Waveline against seed 002, whose response is documented as a typed shape.</summary>
public sealed class WavelineDialectTests
{
    private const string Scenario = """
        dialect: waveline
        auth: { keys: [YOUR_API_KEY] }
        jobs:
          - id: a5ecc735-c48e-43ea-a739-d42bfb19edb3
            type: guess-shape
            pages: 3
            file_name: invoice.pdf
            lifecycle:
              - { status: CREATED, polls: 1 }
              - { status: RUNNING, polls: 1 }
              - status: COMPLETED
                result: { total: 42.5 }
        """;

    private static FakeRequest Job(string? id, string? key = "YOUR_API_KEY")
    {
        var request = new FakeRequest { BaseUrl = "http://127.0.0.1:9000" };
        if (id is not null)
        {
            request.Route("id", id);
        }

        if (key is not null)
        {
            request.Header("Authorization", "Bearer " + key);
        }

        return request;
    }

    [Fact]
    public void Poll_EachState_HasEveryDocumentedFieldWithItsType()
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);
        const string Id = "a5ecc735-c48e-43ea-a739-d42bfb19edb3";

        foreach (var expected in new[] { "CREATED", "RUNNING", "COMPLETED" })
        {
            var body = emulator.Poll("waveline", Job(Id)).Body;

            body.EnumerateObject().Select(p => p.Name).Should().Equal("id", "createdAt", "status", "type", "pages", "fileName", "result", "urls");
            body.GetProperty("id").GetString().Should().Be(Id);
            body.GetProperty("createdAt").GetString().Should().Be("2024-01-27T10:30:00Z");
            body.GetProperty("status").GetString().Should().Be(expected);
            body.GetProperty("type").GetString().Should().Be("guess-shape");
            body.GetProperty("pages").GetInt32().Should().Be(3);
            body.GetProperty("fileName").GetString().Should().Be("invoice.pdf");
            body.GetProperty("urls").GetProperty("get").GetString().Should().Be("http://127.0.0.1:9000/api/v1/jobs/" + Id);
            body.GetProperty("result").ValueKind.Should().Be(expected == "COMPLETED" ? JsonValueKind.Object : JsonValueKind.Null);
        }
    }

    [Theory]
    [InlineData("a5ecc735-c48e-43ea-a739-d42bfb19edb3", "bad", 401)]
    [InlineData("a5ecc735-c48e-43ea-a739-d42bfb19edb3", null, 401)]
    [InlineData("nope", "YOUR_API_KEY", 404)]
    [InlineData(null, "YOUR_API_KEY", 400)]
    public void Poll_DocumentedErrors_AnswerErrorString(string? id, string? key, int status)
    {
        var emulator = EmulatorHarness.FromYaml(Scenario);

        var answer = emulator.Poll("waveline", Job(id, key));

        answer.StatusCode.Should().Be(status);
        answer.Body.EnumerateObject().Select(p => p.Name).Should().Equal("error");
        answer.Body.GetProperty("error").ValueKind.Should().Be(JsonValueKind.String);
    }
}
