using FluentAssertions;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Durations at their edges: blanks, padding, malformed numbers, the largest duration, and the shortest forms.</summary>
public sealed class DurationTextLimitsTests
{
    // The largest duration a scenario may write: 4,611,686,018,427 ms (about 146,000 years).
    private const long MaxMilliseconds = 4_611_686_018_427;

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("1..5s")]
    [InlineData(".s")]
    [InlineData("3s x")]
    [InlineData("1s2")]
    public void TryParse_BlankOrMalformed_IsRejected(string? text)
    {
        DurationText.TryParse(text, out var duration).Should().BeFalse();
        duration.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(" 3s ", 3_000)]
    [InlineData("1h1m1s1ms", 3_661_001)]
    [InlineData("0.5ms", 0.5)]
    [InlineData("2d12h", 216_000_000)]
    public void TryParse_PaddedChainedOrFractional_GivesTheSum(string text, double milliseconds)
    {
        DurationText.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void TryParse_TheLargestDuration_IsAccepted_AndOneMillisecondMoreIsNot()
    {
        DurationText.TryParse($"{MaxMilliseconds}ms", out var largest).Should().BeTrue();
        largest.Should().Be(TimeSpan.FromMilliseconds(MaxMilliseconds));
        DurationText.TryParse($"{MaxMilliseconds - 1}ms1ms", out var summed).Should().BeTrue();
        summed.Should().Be(largest);

        DurationText.TryParse($"{MaxMilliseconds + 1}ms", out _).Should().BeFalse();
        DurationText.TryParse($"{MaxMilliseconds}ms1ms", out _).Should().BeFalse("the sum is checked, not only each part");
    }

    [Theory]
    [InlineData("100000000000000000000000000d")]
    [InlineData("79228162514264337593543950335ms")]
    public void TryParse_NumbersThatWouldOverflow_AreRejectedNotThrown(string text)
    {
        var parse = () => DurationText.TryParse(text, out _);

        parse.Should().NotThrow().Which.Should().BeFalse();
    }

    [Theory]
    [InlineData("99999999999999d", true)]
    [InlineData("1m99999999999999d", true)]
    [InlineData("3s", false)]
    [InlineData("soon", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsTooLong_OnlyForWellShapedDurationsPastTheLargest(string? text, bool tooLong)
    {
        DurationText.IsTooLong(text).Should().Be(tooLong);
    }

    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(999, "999ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "90s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "90m")]
    [InlineData(86_400_000, "1d")]
    [InlineData(90_000_000, "25h")]
    public void Format_GivesTheLargestWholeUnit_ElseSecondsOrMilliseconds(long milliseconds, string expected)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_500)]
    [InlineData(61_001)]
    [InlineData(MaxMilliseconds)]
    public void Format_ReadsBackAsTheSameDuration(long milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);

        DurationText.TryParse(DurationText.Format(duration), out var back).Should().BeTrue();
        back.Should().Be(duration);
    }

    [Theory]
    [InlineData(1, "0.0001ms")]
    [InlineData(9_999, "0.9999ms")]
    [InlineData(12_345_678, "1.2345678s")]
    [InlineData(600_000_001, "60.0000001s")]
    public void Format_KeepsEveryTick_AndReadsBackAsTheSameDuration(long ticks, string expected)
    {
        var duration = TimeSpan.FromTicks(ticks);

        DurationText.Format(duration).Should().Be(expected);
        DurationText.TryParse(expected, out var back).Should().BeTrue();
        back.Should().Be(duration);
    }
}
