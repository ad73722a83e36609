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
    private static readonly string[] Variables = ["JOBEMU_PORT", "JOBEMU_SCENARIOS", "JOBEMU_CLOCK", "JOBEMU_CLOCK_SCALE", "JOBEMU_LOG_FORMAT", "JOBEMU_REQUEST_LOG"];

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
    [InlineData("JOBEMU_PORT", "eighty")]
    [InlineData("JOBEMU_CLOCK_SCALE", "fast")]
    public void Serve_VariableThatIsNotANumber_IsAParseErrorNamingIt(string variable, string value)
    {
        Environment.SetEnvironmentVariable(variable, value);

        var parse = JobEmulatorCommand.Create(TextWriter.Null, TextWriter.Null).Parse(["serve", RepositoryPaths.Scenarios]);

        parse.Errors.Select(error => error.Message).Should().ContainSingle().Which.Should().Be($"${variable} is '{value}', not a number");
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
