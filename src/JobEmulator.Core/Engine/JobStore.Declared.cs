using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

/// <summary>The declared jobs of a store that no request has asked for yet.</summary>
internal sealed partial class JobStore
{
    // One scenario's declared jobs, indexed by id (read without a lock: the index never changes), and which of them
    // have been made live (a bit each, under the store's lock). A job is taken exactly once; from then on it is found in
    // _jobs, and once removed from there it is gone for good. A scenario all of whose jobs were taken is let go.
    private sealed class Declared
    {
        private readonly Dictionary<string, int> _index;
        private readonly System.Collections.BitArray _taken;

        public Declared(Scenario scenario, DateTimeOffset createdAt)
        {
            Scenario = scenario;
            CreatedAt = createdAt;
            _index = new Dictionary<string, int>(scenario.Jobs.Count, StringComparer.Ordinal);
            for (var i = 0; i < scenario.Jobs.Count; i++)
            {
                _index.TryAdd(scenario.Jobs[i].Id, i);
            }

            _taken = new System.Collections.BitArray(scenario.Jobs.Count);
            Waiting = _index.Count;
        }

        public Scenario Scenario { get; }

        public DateTimeOffset CreatedAt { get; }

        public int Waiting { get; private set; }

        public bool Declares(string id) => _index.ContainsKey(id);

        public bool Holds(string id) => _index.TryGetValue(id, out var at) && !_taken[at];

        public JobScript? Take(string id)
        {
            if (!_index.TryGetValue(id, out var at) || _taken[at])
            {
                return null;
            }

            _taken[at] = true;
            Waiting--;
            return Scenario.Jobs[at];
        }

        public List<JobScript> TakeAll()
        {
            var all = new List<JobScript>(Waiting);
            foreach (var at in _index.Values)
            {
                if (!_taken[at])
                {
                    _taken[at] = true;
                    all.Add(Scenario.Jobs[at]);
                }
            }

            Waiting = 0;
            return all;
        }
    }
}
