using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

// Faults: what goes wrong, and the triggers that say when.
internal sealed partial class ScenarioReader
{
    private List<FaultRule> ReadFaults(YamlNode node, string job, bool submissions = false)
    {
        var faults = new List<FaultRule>();
        if (reader.List(node, $"the faults of {job}") is not { } list)
        {
            return faults;
        }

        foreach (var item in list.Items)
        {
            // A plain local, not a pattern variable, so that Stryker can mutate the condition below (CS0165 otherwise).
            var fault = ReadFault(item, job, submissions);
            if (fault is null)
            {
                continue;
            }

            if (fault.Trigger.Exact is { } exact && faults.Any(f => f.Trigger.Scope == fault.Trigger.Scope && f.Trigger.Exact == exact))
            {
                reader.Error(item, $"{job} already has a fault on {(fault.Trigger.Scope == FaultScope.Polls ? "poll" : "submission")} {exact}");
                continue;
            }

            faults.Add(fault);
        }

        return faults;
    }

    private FaultRule? ReadFault(YamlNode node, string job, bool submissions)
    {
        var what = $"a fault of {job}";
        if (reader.Map(node, what) is not { } map)
        {
            return null;
        }

        reader.OnlyKeys(map, what, FaultKeys);
        var trigger = reader.Required(map, "on", what) is { } onNode ? ReadTrigger(onNode, submissions) : null;
        if (map["network"] is { } networkNode)
        {
            if (map["respond"] is { } both)
            {
                reader.Error(both, $"{what} has both 'respond' and 'network'; a fault either answers an HTTP status or fails the connection");
            }

            if (map["retry_after"] is { } stray)
            {
                reader.Error(stray, "'retry_after' goes with 'respond: 429' or 'respond: 503', not with a network fault");
            }

            var kind = reader.Text(networkNode, "'network'") is { } word && Enum.TryParse<NetworkFault>(word, ignoreCase: true, out var parsed) && word.All(char.IsLetter)
                ? parsed
                : (NetworkFault?)null;
            if (kind is null && networkNode is YamlScalar { IsNull: false })
            {
                reader.Error(networkNode, $"'network' must be one of: reset, empty, malformed, truncated, hang; found {networkNode.Describe()}");
            }

            return trigger is not null && kind is { } k ? new FaultRule(trigger, 0, null, map.Position) { Network = k } : null;
        }

        var respond = reader.Required(map, "respond", what) is { } respondNode ? reader.Integer(respondNode, "'respond' (an HTTP status: any 4xx or 5xx)", 400, 599) : null;
        TimeSpan? retryAfter = null;
        if (map["retry_after"] is { } retryNode)
        {
            retryAfter = reader.Duration(retryNode, "'retry_after'");
            if (respond is not (429 or 503) && respond is not null)
            {
                reader.Error(retryNode, $"'retry_after' only goes with 'respond: 429' or 'respond: 503'; this fault responds {respond}");
            }
        }

        return trigger is not null && respond is { } r ? new FaultRule(trigger, r, retryAfter, map.Position) : null;
    }

    // on: { poll: 3 } | { polls: 3..5 } | { every: 4 } | { probability: 0.1 } | { during: { from: 10s, to: 40s } }
    //     | { submission: 2 } | { submissions: 1..3 } | { every: 2, of: submissions } | { probability: 0.5, of: submissions }
    private FaultTrigger? ReadTrigger(YamlNode node, bool submissionsAllowed)
    {
        if (reader.Map(node, "'on' (which requests the fault takes)") is not { } on)
        {
            return null;
        }

        reader.OnlyKeys(on, "'on'", FaultTriggerKeys);
        var chosen = on.Entries.Where(e => e.Key.Value is not "of").Select(e => e.Key.Value).ToList();
        if (chosen.Count != 1)
        {
            reader.Error(on, $"'on' needs exactly one of: poll, polls, every, probability, during, submission, submissions; found {(chosen.Count == 0 ? "none" : string.Join(", ", chosen))}");
            return null;
        }

        var scope = FaultScope.Polls;
        if (on["of"] is { } ofNode && reader.Text(ofNode, "'on.of'") is { } of)
        {
            if (of is "submissions" && chosen[0] is "every" or "probability")
            {
                scope = FaultScope.Submissions;
            }
            else if (of is not "polls")
            {
                reader.Error(ofNode, "'on.of' is 'polls' (the default) or 'submissions', and goes only with 'every' or 'probability'");
            }
        }

        var valueNode = on[chosen[0]]!;
        FaultTrigger? trigger = chosen[0] switch
        {
            "poll" => reader.Integer(valueNode, "'on.poll' (the Nth status request)", 1, 1_000_000) is { } n ? new FaultTrigger(FaultScope.Polls) { From = n, To = n } : null,
            "submission" => reader.Integer(valueNode, "'on.submission' (the Nth submission to the scenario)", 1, 1_000_000) is { } n ? new FaultTrigger(FaultScope.Submissions) { From = n, To = n } : null,
            "polls" => ReadRange(valueNode, "'on.polls'") is { } range ? new FaultTrigger(FaultScope.Polls) { From = range.From, To = range.To } : null,
            "submissions" => ReadRange(valueNode, "'on.submissions'") is { } range ? new FaultTrigger(FaultScope.Submissions) { From = range.From, To = range.To } : null,
            "every" => reader.Integer(valueNode, "'on.every' (every Nth request)", 1, 1_000_000) is { } n ? new FaultTrigger(scope) { Every = n } : null,
            "probability" => reader.Number(valueNode, "'on.probability' (a chance from 0 to 1)") is { } p ? ReadProbability(valueNode, p, scope) : null,
            _ => ReadWindow(valueNode),
        };

        if (trigger is { Scope: FaultScope.Submissions } && !submissionsAllowed)
        {
            reader.Error(valueNode, "a fault on submissions belongs in a 'submitted_jobs' template, whose submissions it counts; a declared job is never submitted");
            return null;
        }

        return trigger;
    }

    private FaultTrigger? ReadProbability(YamlNode node, decimal probability, FaultScope scope)
    {
        if (probability is > 0 and <= 1)
        {
            return new FaultTrigger(scope) { Probability = (double)probability };
        }

        reader.Error(node, $"'on.probability' must be more than 0 and at most 1; found {probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return null;
    }

    private (int From, int To)? ReadRange(YamlNode node, string what)
    {
        var text = node is YamlScalar scalar ? scalar.Value : null;
        var parts = text?.Split("..", 2, StringSplitOptions.TrimEntries);
        if (parts is [var a, var b]
            && int.TryParse(a, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var from)
            && int.TryParse(b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var to)
            && from >= 1 && to >= from && to <= 1_000_000)
        {
            return (from, to);
        }

        reader.Error(node, $"{what} must be a range of request numbers such as 3..5 (from 1, the first not after the last); found {node.Describe()}");
        return null;
    }

    private FaultTrigger? ReadWindow(YamlNode node)
    {
        if (reader.Map(node, "'on.during' (from and to, ages of the job)") is not { } during)
        {
            return null;
        }

        reader.OnlyKeys(during, "'on.during'", WindowKeys);
        TimeSpan? from = during["from"] is { } fromNode ? reader.DurationOrZero(fromNode, "'during.from'") : TimeSpan.Zero;
        TimeSpan? to = during["to"] is { } toNode ? reader.Duration(toNode, "'during.to'") : null;
        if (during["from"] is null && during["to"] is null)
        {
            reader.Error(during, "'on.during' needs 'from', 'to' or both (ages of the job, such as 10s)");
            return null;
        }

        if (from is { } f && to is { } t && t <= f)
        {
            reader.Error(during, $"'on.during' must end after it starts; found from {DurationText.Format(f)} to {DurationText.Format(t)}");
            return null;
        }

        return from is null ? null : new FaultTrigger(FaultScope.Polls) { WindowFrom = from, WindowTo = to };
    }
}
