namespace JobEmulator.Core.Lifecycle;

/// <summary>
/// How long the emulator takes to answer (<c>latency:</c>): a fixed delay (<c>50ms</c>), uniform between two
/// (<c>{ min: 20ms, max: 80ms }</c>), or lognormal around a median (<c>{ median: 40ms, sigma: 0.5, max: 2s }</c>).
/// Each draw comes from the seed keyed by what is answered and the request's number, so concurrency cannot
/// change it and a replay is identical.
/// </summary>
internal sealed record Latency
{
    private Latency(TimeSpan min, TimeSpan max, TimeSpan? median, double? sigma)
    {
        Min = min;
        Max = max;
        Median = median;
        Sigma = sigma;
    }

    /// <summary>The shortest delay (uniform), or the only one (fixed).</summary>
    public TimeSpan Min { get; }

    /// <summary>The longest delay.</summary>
    public TimeSpan Max { get; }

    /// <summary>For lognormal: the median delay.</summary>
    public TimeSpan? Median { get; }

    /// <summary>For lognormal: the spread (the standard deviation of the delay's logarithm).</summary>
    public double? Sigma { get; }

    /// <summary>Always <paramref name="delay"/>.</summary>
    public static Latency Fixed(TimeSpan delay) => new(delay, delay, null, null);

    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Latency Uniform(TimeSpan min, TimeSpan max) => new(min, max, null, null);

    /// <summary>Lognormal around <paramref name="median"/> with spread <paramref name="sigma"/>, capped at <paramref name="max"/>.</summary>
    public static Latency LogNormal(TimeSpan median, double sigma, TimeSpan max) => new(TimeSpan.Zero, max, median, sigma);

    /// <summary>The delay for the <paramref name="request"/>-th request of <paramref name="subject"/>, drawn from <paramref name="seed"/>.</summary>
    public TimeSpan Draw(int seed, string subject, int request)
    {
        if (Min == Max && Median is null)
        {
            return Min;
        }

        var u = Uniform01(seed, subject, request, 0);
        if (Median is { } median && Sigma is { } sigma)
        {
            // Box–Muller from two seeded uniforms: a standard normal, then exp(ln median + sigma·z).
            var v = Uniform01(seed, subject, request, 1);
            var z = Math.Sqrt(-2 * Math.Log(1 - u)) * Math.Cos(2 * Math.PI * v);
            var ticks = Math.Exp(Math.Log(median.Ticks) + (sigma * z));
            return TimeSpan.FromTicks((long)Math.Min(ticks, Max.Ticks));
        }

        return Min + TimeSpan.FromTicks((long)((Max - Min).Ticks * u));
    }

    // The two uniforms of one draw differ only in the hash's last character, which FNV-1a spreads poorly into the high
    // bits: without the finalizer (MurmurHash3's fmix32) they are correlated and the lognormal loses its lower tail.
    private static double Uniform01(int seed, string subject, int request, int stream)
    {
        var hash = (uint)StableHash.Combine(seed, subject, "latency", request.ToString(System.Globalization.CultureInfo.InvariantCulture), stream.ToString(System.Globalization.CultureInfo.InvariantCulture));
        hash = (hash ^ (hash >> 16)) * 0x85EBCA6Bu;
        hash = (hash ^ (hash >> 13)) * 0xC2B2AE35u;
        return (hash ^ (hash >> 16)) / (uint.MaxValue + 1.0);
    }
}
