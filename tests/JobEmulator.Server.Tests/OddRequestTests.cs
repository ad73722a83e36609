using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>Whatever a client sends, the emulator answers in a vendor's envelope or its own 404 — never an unscripted 500.</summary>
public sealed class OddRequestTests
{
    public static TheoryData<string, string, string> Requests()
    {
        string[] paths =
        [
            "/v1/job/", "/v1/job/%00", "/v1/job/" + new string('x', 4000), "/v1/job/%E2%80%AE%F0%9F%92%A5",
            "/transaction/generic/api/v1/async/status", "/transaction/generic/api/v1/async/status?request_id=&apikey=",
            "/transaction/generic/api/v1/async/status?request_id=a&request_id=b&apikey=k&apikey=j",
            "/api/v1/jobs/", "/api/v1/jobs/..", "/api/v1/jobs/%2e%2e%2f",
            "/v1/documents/jobs/%20", "/v1/jobs/job_abc123def456/extra", "/v1/jobs/%FF%FE", "/__admin/health?x=%",
        ];
        string[][] credentials = [[], ["Authorization", "Bearer"], ["Authorization", "Bearer    "], ["Authorization", "Basic dXNlcjpwYXNz"], ["X-API-Key", " "]];
        var data = new TheoryData<string, string, string>();
        foreach (var path in paths)
        {
            foreach (var credential in credentials)
            {
                data.Add(path, credential.Length > 0 ? credential[0] : "", credential.Length > 0 ? credential[1] : "");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Get_OddRequest_NeverAnswers500(string path, string header, string value)
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).Should().BeLessThan(500, "{0} {1}: {2}", path, header, body);
        if (body.Length == 0)
        {
            // Kestrel itself refuses some requests (a NUL in the path) before any route runs.
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, path);
            return;
        }

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var parse = () => System.Text.Json.JsonDocument.Parse(body).Dispose();
        parse.Should().NotThrow("every answer is a JSON body: {0}", body);
    }

    [Theory]
    [InlineData("DELETE", "/v1/jobs/job_abc123def456", "GET")]
    [InlineData("POST", "/v1/jobs/job_abc123def456", "GET")]
    [InlineData("PUT", "/__admin/clock", "GET")]
    [InlineData("GET", "/__admin/clock/advance", "POST")]
    [InlineData("PATCH", "/v1/webhooks", "GET, POST")]
    public async Task WrongMethod_OnAKnownRoute_Is405WithAllow(string method, string path, string allow)
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.MethodNotAllowed);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("error").GetString().Should().Be($"JobEmulator answers {path} to {allow.Replace(", ", " or ", StringComparison.Ordinal)}, not {method}");
    }

    [Fact]
    public async Task UnknownPath_IsStillA404ListingTheRoutes()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.DeleteAsync(new Uri("/v2/nothing/here", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        response.Content.Headers.Allow.Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET", "/v1/conversations/4906432406552576/trackers-detected", """{"message":"Not Found"}""", "symbl")]
    [InlineData("POST", "/v1/conversations/4906432406552576/bookmarks", """{"message":"Not Found"}""", "symbl")]
    [InlineData("GET", "/api/v1/shapes", """{"error":"Not found."}""", "waveline")]
    [InlineData("GET", "/v1/jobs/job_abc123def456/extra", """{"success":false,"error":{"code":"NOT_FOUND","message":"Route /v1/jobs/job_abc123def456/extra not found"}}""", "docurift")]
    [InlineData("GET", "/audio/generic/api/v1/sync/recognise_emotion", """{"fault":{"faultstring":"Unable to identify proxy for host: api.deepaffects.com and url: /audio/generic/api/v1/sync/recognise_emotion","detail":{"errorcode":"messaging.adaptors.http.flow.ApplicationNotFound"}}}""", "deepaffects")]
    public async Task APathUnderOneVendorsApi_ThatNoRouteTakes_Is404InThatVendorsEnvelope_AndTheLogListsItsRoutes(string method, string path, string body, string dialect)
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(body);
        server.Logs.Lines.Should().Contain(line => line.Contains(path, StringComparison.Ordinal) && line.Contains($"no-route; {dialect} answers ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PastKestrelsLimits_TheAnswerIs414Or431_NeverA500()
    {
        await using var server = await RunningServer.StartAsync();
        using var longLine = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs/" + new string('x', 9 * 1024));
        using var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs/job_abc123def456");
        bigHeader.Headers.TryAddWithoutValidation("X-Padding", new string('x', 33 * 1024));

        using var tooLong = await server.Client.SendAsync(longLine, TestContext.Current.CancellationToken);
        using var tooBig = await server.Client.SendAsync(bigHeader, TestContext.Current.CancellationToken);

        tooLong.StatusCode.Should().Be(System.Net.HttpStatusCode.RequestUriTooLong);
        tooBig.StatusCode.Should().Be(System.Net.HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task AMultipartUploadWithNoClosingBoundary_IsA400InTheVendorsEnvelope_NotA500()
    {
        await using var server = await RunningServer.StartAsync();
        using var body = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nxx");
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents/process/async") { Content = body };
        request.Headers.Add("X-API-Key", "frc_submit_key");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("success").GetBoolean().Should().BeFalse();
    }
}
