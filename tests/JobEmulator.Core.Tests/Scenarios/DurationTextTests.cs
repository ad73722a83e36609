using FluentAssertions;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("3s", 3_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("30d", 2_592_000_000)]
    [InlineData("1m30s", 90_000)]
    public void TryParse_WellFormed_GivesTheDuration(string text, long milliseconds)
    {
        DurationText.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("3 seconds")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1y")]
    [InlineData("99999999999999d")]
    public void TryParse_Malformed_IsRejected(string text)
    {
        DurationText.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(1_500, "1.5s")]
    [InlineData(120_000, "2m")]
    [InlineData(250, "250ms")]
    [InlineData(2_592_000_000, "30d")]
    public void Format_GivesTheShortestScenarioForm(long milliseconds, string expected)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }
}
