using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Testing;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>The emulator from its packages: an in-memory host on a fake clock, and the xunit fixture.</summary>
public sealed class InvoiceTests(InvoiceTests.Emulator fixture) : IClassFixture<InvoiceTests.Emulator>
{
    public sealed class Emulator() : JobEmulatorFixture(options => options.AddScenarioFile("scenarios/invoice.yaml"));

    [Fact]
    public async Task TwoMinuteJob_CompletesWhenTheClockMoves()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var emulator = await JobEmulatorHost.StartAsync(options => options.AddScenarioFile("scenarios/invoice.yaml"), cancellation);
        using var http = emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_consumer");

        var before = await StatusAsync(http, cancellation);
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
        var after = await StatusAsync(http, cancellation);

        before.Should().Be("pending");
        after.Should().Be("completed");
        emulator.Journal.Should().HaveUsedCredential("sk_consumer");
    }

    [Fact]
    public async Task Fixture_ServesTheScenario()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var http = fixture.Emulator.CreateClient();
        http.DefaultRequestHeaders.Add("X-API-Key", "sk_consumer");

        (await StatusAsync(http, cancellation)).Should().Be("pending");
    }

    private static async Task<string?> StatusAsync(HttpClient http, CancellationToken cancellation) =>
        (await http.GetFromJsonAsync<JsonElement>("/v1/jobs/job_consumer0001", cancellation)).GetProperty("data").GetProperty("status").GetString();
}
