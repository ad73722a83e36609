using System.Collections.Concurrent;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>The webhook endpoints clients registered; part of the engine's run-time stores (kept by a load, dropped by a reset).</summary>
internal sealed class WebhookRegistry
{
    /// <summary>The most endpoints one scenario may register, as services cap them.</summary>
    public const int MaxPerScenario = 100;

    private readonly ConcurrentDictionary<string, WebhookEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryAdd(WebhookEndpoint endpoint)
    {
        lock (_gate)
        {
            return For((Scenario)endpoint.Owner).Count < MaxPerScenario && _endpoints.TryAdd(endpoint.Id, endpoint);
        }
    }

    public WebhookEndpoint? Find(string id, Scenario scenario) =>
        _endpoints.TryGetValue(id, out var endpoint) && ReferenceEquals(endpoint.Owner, scenario) ? endpoint : null;

    public bool Remove(WebhookEndpoint endpoint) => _endpoints.TryRemove(new KeyValuePair<string, WebhookEndpoint>(endpoint.Id, endpoint));

    public List<WebhookEndpoint> For(Scenario scenario)
    {
        var found = new List<WebhookEndpoint>();
        foreach (var endpoint in _endpoints.Values)
        {
            if (ReferenceEquals(endpoint.Owner, scenario))
            {
                found.Add(endpoint);
            }
        }

        found.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return found;
    }

    public bool HasActive(Scenario scenario)
    {
        foreach (var endpoint in _endpoints.Values)
        {
            if (endpoint.Active && ReferenceEquals(endpoint.Owner, scenario))
            {
                return true;
            }
        }

        return false;
    }
}
