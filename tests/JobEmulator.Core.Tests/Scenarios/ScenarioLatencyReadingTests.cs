using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary><c>latency:</c> — fixed, uniform, lognormal, and per kind of operation: what is kept and what is refused, where.</summary>
public sealed class ScenarioLatencyReadingTests
{
    private static string[] Errors(string latency)
    {
        var act = () => new ScenarioLoader().LoadYaml($"dialect: docurift\nlatency: {latency}\n", "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    private static LatencyPlan Plan(string latency) => new ScenarioLoader().LoadYaml($"dialect: docurift\nlatency: {latency}\n", "s.yaml").Latency;

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Theory]
    [InlineData("not a duration or mapping", "[1s]", "s.yaml:2:10: 'latency' (a duration, { min, max } or { median, sigma, max }) must be a mapping (key: value lines); found a list")]
    [InlineData("not a duration", "soon", "s.yaml:2:10: 'latency' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("fixed too long", "10m1ms", "s.yaml:2:10: 'latency' may be at most 10m; script a longer wait as a step's 'after'")]
    [InlineData("empty mapping", "{}", "s.yaml:2:10: 'latency' needs 'min'", "s.yaml:2:10: 'latency' needs 'max'")]
    [InlineData("uniform without max", "{ min: 10ms }", "s.yaml:2:10: 'latency' needs 'max'")]
    [InlineData("uniform without min", "{ max: 10ms }", "s.yaml:2:10: 'latency' needs 'min'")]
    [InlineData("uniform backwards", "{ min: 20ms, max: 10ms }", "s.yaml:2:10: 'latency'.max (10ms) is shorter than its min (20ms)")]
    [InlineData("uniform too long", "{ min: 1s, max: 11m }", "s.yaml:2:10: 'latency' may be at most 10m; script a longer wait as a step's 'after'")]
    [InlineData("uniform min", "{ min: x, max: 1s }", "s.yaml:2:17: 'latency'.min must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'x'")]
    [InlineData("uniform max", "{ min: 1s, max: 0s }", "s.yaml:2:26: 'latency'.max must be longer than zero; found '0s'")]
    [InlineData("unknown key", "{ min: 1s, max: 2s, spread: 3 }", "s.yaml:2:30: unknown key 'spread' in 'latency'; expected one of: min, max, median, sigma")]
    [InlineData("plan keys mixed with others", "{ default: 1s, max: 2s }", "s.yaml:2:10: 'latency' needs 'min'", "s.yaml:2:12: unknown key 'default' in 'latency'; expected one of: min, max, median, sigma")]
    [InlineData("plan part", "{ status: soon }", "s.yaml:2:20: 'latency.status' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("lognormal without sigma", "{ median: 40ms }", "s.yaml:2:10: 'latency' needs 'sigma'")]
    [InlineData("lognormal without median", "{ sigma: 0.5 }", "s.yaml:2:10: 'latency' needs 'median'")]
    [InlineData("lognormal with min", "{ median: 40ms, sigma: 0.5, min: 1ms }", "s.yaml:2:43: 'latency' is lognormal (median, sigma, max); 'min' goes with a uniform { min, max }")]
    [InlineData("lognormal sigma zero", "{ median: 40ms, sigma: 0 }", "s.yaml:2:33: 'latency'.sigma must be more than 0 and at most 5; found 0")]
    [InlineData("lognormal sigma too wide", "{ median: 40ms, sigma: 5.01 }", "s.yaml:2:33: 'latency'.sigma must be more than 0 and at most 5; found 5.01")]
    [InlineData("lognormal sigma not a number", "{ median: 40ms, sigma: wide }", "s.yaml:2:33: 'latency'.sigma (the spread, such as 0.5) must be a number; found 'wide'")]
    [InlineData("lognormal median", "{ median: soon, sigma: 0.5 }", "s.yaml:2:20: 'latency'.median must be a duration such as 500ms, 3s, 2m, 1h or 30d; found 'soon'")]
    [InlineData("lognormal cap too long", "{ median: 40ms, sigma: 0.5, max: 11m }", "s.yaml:2:10: 'latency' may be at most 10m; script a longer wait as a step's 'after'")]
    public void LoadYaml_BadLatency_IsReportedWhereItIsWritten(string kind, string latency, params string[] expected)
    {
        Errors(latency).Should().Equal(expected, kind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0ms")]
    public void LoadYaml_ZeroLatency_IsAFixedZero(string latency)
    {
        Plan(latency).Should().Be(new LatencyPlan(Latency.Fixed(TimeSpan.Zero), null, null));
    }

    [Fact]
    public void LoadYaml_FixedLatencyOfTenMinutes_IsTheLongestKept()
    {
        Plan("10m").Should().Be(new LatencyPlan(Latency.Fixed(TimeSpan.FromMinutes(10)), null, null));
    }

    [Fact]
    public void LoadYaml_Uniform_IsKept_EvenWithoutSpread()
    {
        Plan("{ min: 0, max: 10m }").Default.Should().Be(Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMinutes(10)));
        Plan("{ min: 20ms, max: 20ms }").Default.Should().Be(Latency.Uniform(Ms(20), Ms(20)));
    }

    [Fact]
    public void LoadYaml_Lognormal_IsCappedAtItsMaxOrTenMinutes()
    {
        Plan("{ median: 40ms, sigma: 5, max: 2s }").Default.Should().Be(Latency.LogNormal(Ms(40), 5, TimeSpan.FromSeconds(2)));
        Plan("{ median: 40ms, sigma: 0.5 }").Default.Should().Be(Latency.LogNormal(Ms(40), 0.5, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void LoadYaml_PlanPerOperation_KeepsEachPartAndLeavesTheOthersUnset()
    {
        Plan("{ default: 10ms, status: { min: 20ms, max: 30ms }, submit: 40ms }").Should().Be(new LatencyPlan(Latency.Fixed(Ms(10)), Latency.Uniform(Ms(20), Ms(30)), Latency.Fixed(Ms(40))));
        Plan("{ status: 20ms }").Should().Be(new LatencyPlan(null, Latency.Fixed(Ms(20)), null));
        Plan("{ submit: 20ms }").Should().Be(new LatencyPlan(null, null, Latency.Fixed(Ms(20))));
    }

    [Fact]
    public void LoadYaml_NoLatency_HasNone()
    {
        new ScenarioLoader().LoadYaml("dialect: docurift\n", "s.yaml").Latency.Should().Be(LatencyPlan.None);
    }
}
