using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>The delays a latency draws: fixed, spread evenly between min and max, or lognormal around the median under its cap; the same every replay.</summary>
public sealed class LatencyDrawTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static List<TimeSpan> Draws(Latency latency, int count = 2_000, int seed = 42, string subject = "job_1") =>
        [.. Enumerable.Range(1, count).Select(request => latency.Draw(seed, subject, request))];

    [Fact]
    public void Draw_Fixed_IsAlwaysTheDelay()
    {
        Draws(Latency.Fixed(Ms(50)), 100).Should().AllBeEquivalentTo(Ms(50));
    }

    [Fact]
    public void Draw_Uniform_CoversTheRangeEvenly()
    {
        var draws = Draws(Latency.Uniform(Ms(10), Ms(20)));

        draws.Should().OnlyContain(d => d >= Ms(10) && d < Ms(20));
        draws.Min().Should().BeLessThan(Ms(10.1));
        draws.Max().Should().BeGreaterThan(Ms(19.9));
        draws.Count(d => d < Ms(15)).Should().BeInRange(900, 1_100, "half the draws fall in the lower half");
    }

    [Fact]
    public void Draw_UniformOfOneValue_IsThatValue()
    {
        Draws(Latency.Uniform(Ms(30), Ms(30)), 100).Should().AllBeEquivalentTo(Ms(30));
    }

    [Fact]
    public void Draw_Lognormal_CentresOnTheMedianWithItsSpread()
    {
        var draws = Draws(Latency.LogNormal(Ms(100), 0.5, TimeSpan.FromMinutes(10))).Order().ToList();

        draws[draws.Count / 2].Should().BeCloseTo(Ms(100), Ms(8));
        // One sigma above the median, e^0.5 · 100 ms ≈ 165 ms, leaves about 16% of the draws above it; as many fall below 100 / e^0.5 ≈ 61 ms.
        draws.Count(d => d > Ms(164.9)).Should().BeInRange(240, 400);
        draws.Count(d => d < Ms(60.65)).Should().BeInRange(240, 400);
    }

    [Theory]
    [InlineData("job_1")]
    [InlineData("job_a/status")]
    [InlineData("docurift/submit")]
    public void Draw_Lognormal_HasBothTails(string subject)
    {
        var draws = Draws(Latency.LogNormal(Ms(100), 0.5, TimeSpan.FromMinutes(10)), subject: subject);

        // Two sigma either side, 100 ms · e^±1: about 2.3% of the draws (46 of 2,000) beyond each.
        draws.Count(d => d < Ms(36.79)).Should().BeInRange(20, 80, "the short tail is as long as the long one");
        draws.Count(d => d > Ms(271.8)).Should().BeInRange(20, 80);
    }

    [Fact]
    public void Draw_Lognormal_NeverPassesItsCap()
    {
        var draws = Draws(Latency.LogNormal(Ms(100), 1, Ms(150)));

        draws.Should().OnlyContain(d => d <= Ms(150));
        draws.Count(d => d == Ms(150)).Should().BeInRange(500, 900, "about a third of the draws (z above ln 1.5 ≈ 0.405) land past 150 ms and are capped");
    }

    [Fact]
    public void Draw_IsTheSameForTheSameRequest_AndDiffersBySeedSubjectAndRequest()
    {
        var latency = Latency.Uniform(Ms(0), Ms(1_000));

        latency.Draw(7, "job_1", 3).Should().Be(latency.Draw(7, "job_1", 3));
        Draws(latency, 50, seed: 7).Should().NotEqual(Draws(latency, 50, seed: 8));
        Draws(latency, 50, subject: "job_1").Should().NotEqual(Draws(latency, 50, subject: "job_2"));
        Draws(latency, 50).Distinct().Should().HaveCountGreaterThan(45);
    }

    [Fact]
    public void Draw_GivesTheSameDelaysInEveryRelease_ForTheSameSeed()
    {
        // Pinned: recorded replays and timings depend on them. A change here changes every seeded delay (say so in the CHANGELOG).
        Enumerable.Range(1, 4).Select(r => Latency.Uniform(Ms(0), Ms(1_000)).Draw(7, "job_1", r).Ticks).Should().Equal(PinnedUniform);
        Enumerable.Range(1, 4).Select(r => Latency.LogNormal(Ms(100), 0.5, TimeSpan.FromMinutes(10)).Draw(7, "job_1", r).Ticks).Should().Equal(PinnedLogNormal);
    }

    private static readonly long[] PinnedUniform = [1_538_394, 6_852_066, 4_740_787, 7_343_075];

    private static readonly long[] PinnedLogNormal = [803_231, 1_428_928, 701_326, 2_220_340];
}
