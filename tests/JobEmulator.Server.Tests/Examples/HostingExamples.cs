using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Examples;

/// <summary>The emulator as ordinary ASP.NET Core building blocks in an app of your own.</summary>
public sealed class HostingExamples
{
    [Fact]
    public async Task AddJobEmulator_AndMapJobEmulator_ServeTheScenarios_OnTheEmulatorsClock()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();

        // begin-snippet: host-in-your-app
        builder.Services.AddJobEmulator(o =>
        {
            o.ScenarioPaths.Add("scenarios");
            o.TimeProvider = clock;                                  // optional: the system clock by default
        });
        var app = builder.Build();
        app.MapJobEmulator();                                        // validates the scenarios here
        // end-snippet

        await using (app)
        {
            await app.StartAsync(cancellation);
            using var http = app.GetTestClient();
            http.DefaultRequestHeaders.Add("X-API-Key", "sk_test");

            var before = await http.GetFromJsonAsync<JsonElement>("/v1/jobs/job_slow0batch1", cancellation);
            clock.Advance(TimeSpan.FromHours(1));
            var after = await http.GetFromJsonAsync<JsonElement>("/v1/jobs/job_slow0batch1", cancellation);

            before.GetProperty("data").GetProperty("status").GetString().Should().NotBe("completed");
            after.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
            app.Services.GetRequiredService<JobEmulatorEngine>().Journal.Snapshot().Should().HaveCount(2);
        }
    }
}
