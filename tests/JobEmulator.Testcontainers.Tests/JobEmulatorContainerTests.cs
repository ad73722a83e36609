using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Testcontainers.Tests;

/// <summary>
/// The Testcontainers module against the image <c>tests/container/run.sh</c> builds: it sets
/// <c>JOBEMU_TESTCONTAINERS_IMAGE</c> (and <c>TESTCONTAINERS_RYUK_DISABLED</c>, as Ryuk's image cannot be pulled
/// here) and runs these tests; without an image they are skipped, saying so.
/// </summary>
public sealed class JobEmulatorContainerTests : IClassFixture<JobEmulatorContainerTests.Sidecar>
{
    private readonly Sidecar _sidecar;

    public JobEmulatorContainerTests(Sidecar sidecar) => _sidecar = sidecar;

    private JobEmulatorContainer Container => _sidecar.Container ?? throw new InvalidOperationException("not started");

    [Fact]
    public async Task VendorRoute_AnswersAtTheBaseAddress_AndTheJournalRecordsIt()
    {
        var cancellation = TestContext.Current.CancellationToken;
        SkipWithoutImage();
        using var client = new HttpClient { BaseAddress = Container.GetBaseAddress() };
        client.DefaultRequestHeaders.Add("X-API-Key", "frc_your_api_key_here");

        var job = await client.GetFromJsonAsync<JsonElement>("/v1/jobs/job_abc123def456", cancellation);
        var journal = await Container.Admin.GetRequestsAsync("job_abc123def456", cancellation);

        job.GetProperty("data").GetProperty("id").GetString().Should().Be("job_abc123def456");
        journal.GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ManualClock_MovesOnlyThroughTheAdminClient()
    {
        var cancellation = TestContext.Current.CancellationToken;
        SkipWithoutImage();
        var before = await Container.Admin.GetClockAsync(cancellation);

        await Container.Admin.AdvanceClockAsync(TimeSpan.FromHours(1), cancellation);
        var after = await Container.Admin.GetClockAsync(cancellation);

        before.GetProperty("mode").GetString().Should().Be("manual");
        (after.GetProperty("now").GetDateTimeOffset() - before.GetProperty("now").GetDateTimeOffset()).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task AdvanceJob_ToCompleted_IsWhatTheClientThenSees()
    {
        var cancellation = TestContext.Current.CancellationToken;
        SkipWithoutImage();
        using var client = new HttpClient { BaseAddress = Container.GetBaseAddress() };
        client.DefaultRequestHeaders.Add("X-API-Key", "frc_your_api_key_here");

        await Container.Admin.AdvanceJobAsync("docurift", "job_abc123def456", "completed", cancellation);
        var job = await client.GetFromJsonAsync<JsonElement>("/v1/jobs/job_abc123def456", cancellation);

        job.GetProperty("data").GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public async Task AdminError_ThrowsWithTheAdminApisMessage()
    {
        var cancellation = TestContext.Current.CancellationToken;
        SkipWithoutImage();

        var missing = () => Container.Admin.GetJobAsync("docurift", "job_nosuchjob000", cancellation);

        (await missing.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    private void SkipWithoutImage() =>
        Assert.SkipWhen(_sidecar.Container is null, "no image: tests/container/run.sh sets JOBEMU_TESTCONTAINERS_IMAGE to the image it built");

    /// <summary>One sidecar for the class: the repository's scenarios, the manual clock, the host's network (the
    /// engine here has no bridge network).</summary>
    public sealed class Sidecar : IAsyncLifetime
    {
        public JobEmulatorContainer? Container { get; private set; }

        public async ValueTask InitializeAsync()
        {
            if (Environment.GetEnvironmentVariable("JOBEMU_TESTCONTAINERS_IMAGE") is not { Length: > 0 } image)
            {
                return;
            }

            Container = new JobEmulatorBuilder()
                .WithImage(image)
                .WithScenarios(RepositoryPaths.Scenarios)
                .WithClock(JobEmulatorClock.Manual)
                .WithHostNetwork(FreePorts.Next())
                .Build();
            await Container.StartAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (Container is not null)
            {
                await Container.DisposeAsync();
            }
        }
    }
}
