using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;
using static JobEmulator.Cli.Tests.Jobemu;

namespace JobEmulator.Cli.Tests;

/// <summary><c>jobemu validate</c> and <c>jobemu serve</c>, run in-process as a user would run them.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Scenarios => RepositoryPaths.Scenarios;


    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Validate_BundledScenarios_ExitsZeroListingEachFile()
    {
        var (exit, output, errors) = await RunAsync("validate", Scenarios);

        exit.Should().Be(ExitCodes.Ok, errors);
        output.Should().Contain("docurift/happy-path.yaml").And.MatchRegex(@"\d+ scenarios valid\.");
    }

    [Fact]
    public async Task Validate_AFolderWithADialectDefinition_ListsTheDialectAndItsScenario()
    {
        var sample = Path.Combine(JobEmulator.Tests.Shared.RepositoryPaths.Root, "samples", "your-own-api");

        var (exit, output, errors) = await RunAsync("validate", sample);

        exit.Should().Be(ExitCodes.Ok, errors);
        output.Should().Be($"ok  dialect lumen  (4 operations){Environment.NewLine}ok  {Path.Combine(sample, "renders.yaml")}  (lumen, 1 job){Environment.NewLine}1 scenario valid.{Environment.NewLine}");
    }

    [Fact]
    public async Task ListAndReplay_ReadDefinitionsGivenWithDialects()
    {
        var sample = Path.Combine(JobEmulator.Tests.Shared.RepositoryPaths.Root, "samples", "your-own-api");

        var (listed, output, errors) = await RunAsync("list", "lumen", "--dialects", sample);
        var (replayed, table, replayErrors) = await RunAsync("replay", Path.Combine(sample, "renders.yaml"), "--dialects", sample, "--format", "json");
        var (unknown, _, unknownErrors) = await RunAsync("list", "lumen");

        listed.Should().Be(ExitCodes.Ok, errors);
        output.Should().Contain("lumen (Lumen Render)").And.Contain("POST   /lumen/v1/renders/{render_id}/cancel").And.Contain("webhook events: render.started, render.done, render.cancelled, render.error");
        replayed.Should().Be(ExitCodes.Ok, replayErrors);
        table.Should().Contain("\"status\": \"done\"");
        unknown.Should().Be(ExitCodes.InvalidArguments);
        unknownErrors.Should().Contain("unknown dialect 'lumen'; expected one of: symbl, deepaffects, waveline, aitronos, docurift (a dialect of your own: --dialects its file or folder)");
    }

    [Fact]
    public async Task ServeHelp_ListsEveryOperationOfEveryDialect_AndAnExample()
    {
        var (exit, output, _) = await RunAsync("serve", "--help");

        exit.Should().Be(ExitCodes.Ok);
        var operations = new Core.Scenarios.ScenarioLoader().Dialects.All.SelectMany(d => d.Operations).ToList();
        operations.Should().OnlyContain(operation => output.Contains(operation.Route, StringComparison.Ordinal));
        output.Should().Contain("Example: jobemu serve scenarios --port 8080");
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsOneWithFileLineAndColumn()
    {
        var file = Write("broken.yaml", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, after: 3 seconds }\n      - { status: completed }\n");

        var (exit, _, errors) = await RunAsync("validate", file);

        exit.Should().Be(ExitCodes.InvalidScenario);
        errors.Should().Contain($"{file}:4:35: 'after' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found '3 seconds'");
    }

    [Fact]
    public async Task Serve_BrokenFile_ExitsOneWithTheValidationMessage()
    {
        var file = Write("broken.yaml", "dialect: nope\n");

        var (exit, _, errors) = await RunAsync("serve", file, "--port", "0");

        exit.Should().Be(ExitCodes.InvalidScenario);
        errors.Should().Contain($"{file}:1:10: unknown dialect 'nope'");
    }

    [Fact]
    public async Task Serve_HostThatIsNotAnAddress_ExitsWithAClearMessage()
    {
        var (exit, _, errors) = await RunAsync("serve", "--port", "0", "--host", "example.org");

        exit.Should().Be(ExitCodes.CannotStart);
        errors.Should().Be($"--host must be an IP address or 'localhost'; found 'example.org'{Environment.NewLine}");
    }

    [Fact]
    public async Task Serve_Scenarios_AnswersUntilCancelledThenExitsZero()
    {
        using var output = new SignallingWriter();
        using var errors = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = JobEmulatorCommand.Create(output, errors).Parse(["serve", Scenarios, "--port", "0"]).InvokeAsync(cancellationToken: stop.Token);

        var address = await output.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-API-Key", "frc_your_api_key_here");
        var health = await client.GetAsync("/__admin/health", TestContext.Current.CancellationToken);
        var job = await client.GetFromJsonAsync<JsonElement>("/v1/jobs/job_abc123def456", TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exit = await run;

        address.Should().StartWith("http://127.0.0.1:");
        health.IsSuccessStatusCode.Should().BeTrue();
        job.GetProperty("data").GetProperty("status").GetString().Should().Be("pending");
        output.Text.Should().Contain("docurift     GET    " + address + "/v1/jobs/{id}");
        exit.Should().Be(ExitCodes.Ok, errors.ToString());
    }
}
