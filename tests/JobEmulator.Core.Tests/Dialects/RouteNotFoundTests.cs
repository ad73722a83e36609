using System.Buffers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Tests.Reference;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>
/// A request under a path only one vendor's API uses, that none of its routes takes: the host answers the vendor's own
/// 404 through <see cref="Dialect.WriteRouteNotFound"/>, in its envelope, naming the path where the envelope says more.
/// </summary>
public sealed class RouteNotFoundTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 27, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("docurift", """{"success":false,"error":{"code":"NOT_FOUND","message":"Route /v1/documents/nope not found"}}""")]
    [InlineData("waveline", """{"error":"Not found."}""")]
    [InlineData("aitronos", """{"success":false,"error":{"code":"NOT_FOUND","message":"The requested resource was not found.","system_message":"No route for /v1/documents/nope","type":"not_found_error","status":404,"trace_id":"trace_1234","timestamp":"2024-01-27T10:30:00Z"}}""")]
    public void WriteRouteNotFound_WritesTheVendorsOwn404_NamingThePath(string dialect, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Core.Definitions.DialectDefinitions.BuiltinCatalog.Find(dialect)!.WriteRouteNotFound(writer, "/v1/documents/nope", Now, "trace_1234");
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(expected);
    }

    [Fact]
    public void AReadOperation_OfADialectThatWritesNoReadAnswer_FailsNamingTheDialectAndTheOperation()
    {
        var dialect = new DocuRiftDialect();
        var operation = new DialectOperation("GET", "/v1/documents/{id}/pages", OperationKind.Read, [], "read its pages");

        var act = () => dialect.WriteRead(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), operation, default, new Support.FakeRequest());

        act.Should().Throw<NotSupportedException>().WithMessage("The docurift dialect declares a read operation (GET /v1/documents/{id}/pages) but does not write its answer.");
    }
}
