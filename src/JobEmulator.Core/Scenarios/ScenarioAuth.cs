namespace JobEmulator.Core.Scenarios;

/// <summary>Which credentials a scenario's jobs accept.</summary>
public sealed class ScenarioAuth
{
    /// <summary>Accept any non-empty credential (the default when a scenario has no <c>auth</c>).</summary>
    public static ScenarioAuth AnyKey { get; } = new(null);

    /// <summary>Creates the rule; <paramref name="keys"/> null accepts any non-empty credential.</summary>
    public ScenarioAuth(IReadOnlySet<string>? keys) => Keys = keys;

    /// <summary>The accepted keys or tokens; null accepts any non-empty credential.</summary>
    public IReadOnlySet<string>? Keys { get; }

    /// <summary>True when <paramref name="credential"/> opens this scenario's jobs.</summary>
    public bool Accepts(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Keys is null || Keys.Contains(credential);
    }
}
