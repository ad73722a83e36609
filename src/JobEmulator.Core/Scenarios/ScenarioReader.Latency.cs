using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <summary><c>latency:</c> — fixed, uniform or lognormal; at the top also per kind of operation.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] LatencyKeys = ["min", "max", "median", "sigma"];
    private static readonly string[] LatencyPlanKeys = ["default", "status", "submit"];
    private static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(10);

    // At the top: a latency for every operation, or { default, status, submit } each a latency.
    private LatencyPlan? ReadLatencyPlan(YamlNode node)
    {
        if (node is YamlMap map && map.Entries.Count > 0 && map.Entries.All(e => LatencyPlanKeys.Contains(e.Key.Value)))
        {
            Latency? Part(string key) => map[key] is { } part ? ReadLatency(part, $"'latency.{key}'") : null;
            return new LatencyPlan(Part("default"), Part("status"), Part("submit"));
        }

        return ReadLatency(node, "'latency'") is { } latency ? new LatencyPlan(latency, null, null) : null;
    }

    // 50ms | { min: 20ms, max: 80ms } | { median: 40ms, sigma: 0.5, max: 2s }
    private Latency? ReadLatency(YamlNode node, string what)
    {
        if (node is YamlScalar)
        {
            return reader.DurationOrZero(node, what) is { } fixedDelay && WithinLimit(node, what, fixedDelay) ? Latency.Fixed(fixedDelay) : null;
        }

        if (reader.Map(node, $"{what} (a duration, {{ min, max }} or {{ median, sigma, max }})") is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, LatencyKeys);
        var max = map["max"] is { } maxNode ? reader.Duration(maxNode, what + ".max") : null;
        if (map["median"] is not null || map["sigma"] is not null)
        {
            var median = reader.Required(map, "median", what) is { } medianNode ? reader.Duration(medianNode, what + ".median") : null;
            var sigma = reader.Required(map, "sigma", what) is { } sigmaNode ? reader.Number(sigmaNode, what + ".sigma (the spread, such as 0.5)") : null;
            if (map["min"] is { } stray)
            {
                reader.Error(stray, $"{what} is lognormal (median, sigma, max); 'min' goes with a uniform {{ min, max }}");
            }

            if (sigma is { } s && (s <= 0 || s > 5))
            {
                reader.Error(map["sigma"]!, $"{what}.sigma must be more than 0 and at most 5; found {s.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                return null;
            }

            var cap = max ?? MaxLatency;
            return median is { } m && sigma is { } spread && WithinLimit(map, what, cap) ? Latency.LogNormal(m, (double)spread, cap) : null;
        }

        var min = reader.Required(map, "min", what) is { } minNode ? reader.DurationOrZero(minNode, what + ".min") : null;
        if (max is null)
        {
            reader.Required(map, "max", what);
        }

        if (min is { } low && max is { } high)
        {
            if (high < low)
            {
                reader.Error(map, $"{what}.max ({DurationText.Format(high)}) is shorter than its min ({DurationText.Format(low)})");
                return null;
            }

            return WithinLimit(map, what, high) ? Latency.Uniform(low, high) : null;
        }

        return null;
    }

    private bool WithinLimit(YamlNode node, string what, TimeSpan delay)
    {
        if (delay <= MaxLatency)
        {
            return true;
        }

        reader.Error(node, $"{what} may be at most 10m; script a longer wait as a step's 'after'");
        return false;
    }
}
