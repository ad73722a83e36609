using FluentAssertions;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Cli.Tests;

/// <summary>The environment variables that configure <c>jobemu serve</c> in a container, and <c>jobemu health</c>,
/// the container's health check. The variables are process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(EnvironmentTests), DisableParallelization = true)]
[Collection(nameof(EnvironmentTests))]
public sealed class EnvironmentTests : IDisposable
{
    private static readonly string[] Variables = ["JOBEMU_PORT", "JOBEMU_SCENARIOS", "JOBEMU_CLOCK", "JOBEMU_CLOCK_SCALE", "JOBEMU_CLOCK_START", "JOBEMU_JOURNAL", "JOBEMU_WATCH", "JOBEMU_LOG_FORMAT", "JOBEMU_REQUEST_LOG"];

    public void Dispose()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Serve_WithNoArguments_TakesScenariosAndPortFromTheEnvironment_AndHealthSeesIt()
    {
        var port = FreePorts.Next();
        Environment.SetEnvironmentVariable("JOBEMU_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("JOBEMU_SCENARIOS", RepositoryPaths.Scenarios);
        using var output = new SignallingWriter();
        using var errors = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = JobEmulatorCommand.Create(output, errors).Parse(["serve"]).InvokeAsync(cancellationToken: stop.Token);

        var address = await output.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var healthOutput = new StringWriter();
        var health = await JobEmulatorCommand.Create(healthOutput, errors).Parse(["health"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exit = await run;

        address.Should().Be($"http://127.0.0.1:{port}");
        output.Text.Should().MatchRegex(@"\([1-9]\d* scenarios, "); // none without $JOBEMU_SCENARIOS
        health.Should().Be(ExitCodes.Ok, errors.ToString());
        healthOutput.ToString().Should().StartWith("200 ");
        exit.Should().Be(ExitCodes.Ok, errors.ToString());
    }

    [Theory]
    [InlineData(new string[] { "--clock", "manual", "--clock-start", "2025-01-01T00:00:00Z" }, null)]
    [InlineData(new string[] { "--clock-scale", "60" }, "2025-01-01T00:00:00Z")]
    public async Task Serve_ClockStart_IsTheFirstInstantOfAManualOrScaledClock(string[] options, string? variable)
    {
        Environment.SetEnvironmentVariable("JOBEMU_CLOCK_START", variable);
        using var output = new SignallingWriter();
        using var errors = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = JobEmulatorCommand.Create(output, errors).Parse(["serve", "--port", "0", .. options]).InvokeAsync(cancellationToken: stop.Token);

        var address = await output.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var clock = await http.GetStringAsync(new Uri(address + "/__admin/clock"), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run;

        clock.Should().Contain("\"now\":\"2025-01-01T00:");
    }

    [Fact]
    public async Task Serve_ClockStart_OnTheSystemClock_IsAnErrorSayingWhatItNeeds()
    {
        var (exit, _, errors) = await Jobemu.RunAsync("serve", "--clock-start", "2025-01-01T00:00:00Z");

        exit.Should().Be(1);
        errors.Should().StartWith("--clock-start sets where a manual or scaled clock begins; add --clock manual or --clock-scale N");
    }

    [Theory]
    [InlineData("JOBEMU_PORT", "eighty", "a port from 0 to 65535")]
    [InlineData("JOBEMU_PORT", "70000", "a port from 0 to 65535")]
    [InlineData("JOBEMU_CLOCK_SCALE", "fast", "a factor more than 0, up to 1000000 (60 runs a minute per second)")]
    [InlineData("JOBEMU_CLOCK_SCALE", "0", "a factor more than 0, up to 1000000 (60 runs a minute per second)")]
    [InlineData("JOBEMU_JOURNAL", "-1", "a count from 0 to 1000000")]
    [InlineData("JOBEMU_WATCH", "yes", "false or true")]
    [InlineData("JOBEMU_CLOCK_START", "tomorrow", "an instant such as 2025-01-01T00:00:00Z (no later than 9000-01-01)")]
    public async Task Serve_VariableThatDoesNotParse_IsOneLineNamingIt_ExitOne_NoHelp(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);

        var (exit, output, errors) = await Jobemu.RunAsync("serve", RepositoryPaths.Scenarios);

        exit.Should().Be(1);
        errors.Should().Be($"${variable} is '{value}', expected {expected}{Environment.NewLine}");
        output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("JOBEMU_LOG_FORMAT", "xml", "text or json")]
    [InlineData("JOBEMU_CLOCK", "fake", "system or manual")]
    [InlineData("JOBEMU_REQUEST_LOG", "quiet", "on or off")]
    public void Serve_WordFromTheEnvironment_IsCheckedLikeTheOption(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);

        var parse = JobEmulatorCommand.Create(TextWriter.Null, TextWriter.Null).Parse(["serve", RepositoryPaths.Scenarios]);

        parse.Errors.Should().ContainSingle().Which.Message.Should().Be($"${variable} is '{value}', expected {expected}");
    }

    [Fact]
    public async Task Health_NothingListening_ExitsOneSayingWhy()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await JobEmulatorCommand.Create(output, errors).Parse(["health", "--url", $"http://127.0.0.1:{FreePorts.Next()}/__admin/health"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        exit.Should().Be(1);
        errors.ToString().Should().StartWith("unhealthy: ");
    }
}
