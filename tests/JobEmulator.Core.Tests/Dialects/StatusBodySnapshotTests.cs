using System.Text.Json.Nodes;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

/// <summary>
/// Every dialect's status answer for a job in each status (queued, running with progress and with a scripted word,
/// completed with its seeded result, failed with the default and a scripted error), byte for byte, against the
/// snapshot in <c>Snapshots/status/</c>, as <see cref="ErrorEnvelopeSnapshotTests"/> holds the error bodies. After an
/// intended change: <c>JOBEMU_UPDATE_SNAPSHOTS=1 dotnet test --project tests/JobEmulator.Core.Tests</c>, then read the diff.
/// </summary>
public sealed class StatusBodySnapshotTests
{
    private static readonly (string Name, string Lifecycle)[] Jobs =
    [
        ("queued", "[{ status: queued, polls: 100 }, { status: completed }]"),
        ("running", "[{ status: queued, after: 2s }, { status: running, after: 10s }, { status: completed }]"),
        ("running with a word", "[{ status: running, word: In Progress, polls: 100 }, { status: completed }]"),
        ("completed", "[{ status: running, after: 3s }, { status: completed }]"),
        ("failed", "[{ status: running, after: 3s }, { status: failed }]"),
        ("failed with a scripted error", "[{ status: failed, error: the scripted reason }]"),
    ];

    public static TheoryData<string> Dialects() => [.. Core.Definitions.DialectDefinitions.BuiltinCatalog.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void EveryStatusBody_IsTheSnapshotsByteForByte(string name)
    {
        var dialect = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find(name)!;
        var ids = Jobs.Select((_, i) => dialect.GenerateJobId(new FakeData(100 + i))).ToList();
        var yaml = $"dialect: {name}\nseed: 42\njobs:\n" + string.Concat(Jobs.Select((job, i) => $"  - id: \"{ids[i]}\"\n    lifecycle: {job.Lifecycle}\n"));
        var emulator = EmulatorHarness.FromYaml(yaml);
        var status = dialect.Operations.First(o => o.Kind == OperationKind.Status);
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));

        var bodies = new JsonObject();
        for (var i = 0; i < Jobs.Length; i++)
        {
            var answer = emulator.Send(name, status, Poll(status, ids[i]));
            bodies[Jobs[i].Name] = JsonValue.Create($"{answer.StatusCode} {answer.Text}");
        }

        bodies.ShouldMatchSnapshot("status", name);
    }

    // The job id where the operation's route or query carries it; the credential wherever a dialect may look for it.
    private static FakeRequest Poll(DialectOperation status, string id)
    {
        var request = new FakeRequest { Path = status.Route.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal) }
            .Header("X-API-Key", "k").Header("Authorization", "Bearer k").Query("apikey", "k").Query("request_id", id);
        var start = status.Route.IndexOf('{', StringComparison.Ordinal);
        return start < 0 ? request : request.Route(status.Route[(start + 1)..status.Route.IndexOf('}', StringComparison.Ordinal)], id);
    }
}
