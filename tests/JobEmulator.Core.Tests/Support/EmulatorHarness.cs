using System.Buffers;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace JobEmulator.Core.Tests.Support;

/// <summary>An engine on a fake clock, polled without HTTP.</summary>
internal sealed class EmulatorHarness
{
    public static readonly DateTimeOffset DocumentTime = new(2024, 1, 27, 10, 30, 0, TimeSpan.Zero);

    private EmulatorHarness(ScenarioSet scenarios, DateTimeOffset start, JobEmulatorEngineOptions? options = null)
        : this(scenarios, new FakeTimeProvider(start), options)
    {
    }

    private EmulatorHarness(ScenarioSet scenarios, TimeProvider time, JobEmulatorEngineOptions? options)
    {
        Time = time;
        Engine = new JobEmulatorEngine(scenarios, time, options: options);
        Dispatcher = new OperationDispatcher(Engine);
    }

    /// <summary>The fake clock (of a harness made on one).</summary>
    public FakeTimeProvider Clock => (FakeTimeProvider)Time;

    public TimeProvider Time { get; }

    /// <summary>A harness on <paramref name="time"/> (a <see cref="Clocks.ManualClock"/>, say) instead of a fake clock.</summary>
    public static EmulatorHarness OnClock(TimeProvider time, string yaml, JobEmulatorEngineOptions? options = null) =>
        new(ScenarioSet.Create([new ScenarioLoader().LoadYaml(yaml, "scenario0.yaml")]), time, options);

    /// <summary>A harness serving a loaded set on <paramref name="time"/>.</summary>
    public static EmulatorHarness OnClock(TimeProvider time, ScenarioSet set, JobEmulatorEngineOptions? options = null) => new(set, time, options);

    public JobEmulatorEngine Engine { get; }

    public OperationDispatcher Dispatcher { get; }

    public static EmulatorHarness FromYaml(string yaml, DateTimeOffset? start = null) =>
        FromYamls([yaml], start);

    public static EmulatorHarness FromYaml(string yaml, JobEmulatorEngineOptions options) =>
        new(ScenarioSet.Create([new ScenarioLoader().LoadYaml(yaml, "scenario0.yaml")]), DocumentTime, options);

    public static EmulatorHarness FromYamls(IEnumerable<string> yamls, DateTimeOffset? start = null, JobEmulatorEngineOptions? options = null)
    {
        var loader = new ScenarioLoader();
        var scenarios = yamls.Select((yaml, i) => loader.LoadYaml(yaml, $"scenario{i}.yaml"));
        return new EmulatorHarness(ScenarioSet.Create(scenarios), start ?? DocumentTime, options);
    }

    /// <summary>A harness serving a loaded set (its defined dialects too).</summary>
    public static EmulatorHarness FromSet(ScenarioSet set, JobEmulatorEngineOptions? options = null) => new(set, DocumentTime, options);

    public static EmulatorHarness FromScenarios(IEnumerable<Scenario> scenarios, DateTimeOffset? start = null) =>
        new(ScenarioSet.Create(scenarios), start ?? DocumentTime);

    public IReadOnlyList<JournalEntry> Journal() => Engine.Journal.Snapshot();

    public Answer Poll(string dialect, IEmulatorRequest request) => Send(dialect, OperationKind.Status, request);

    public Answer Send(string dialect, OperationKind kind, IEmulatorRequest request) =>
        Send(dialect, Engine.Dialects.Find(dialect)!.Operations.First(o => o.Kind == kind), request);

    public Answer Send(string dialect, DialectOperation operation, IEmulatorRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var found = Engine.Dialects.Find(dialect)!;
        var head = Dispatcher.HandleAsync(found, operation, request, buffer).AsTask().GetAwaiter().GetResult();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var document = JsonDocument.Parse(text);
        return new Answer(head, document.RootElement.Clone(), text);
    }
}

/// <summary>What one poll answered.</summary>
internal sealed record Answer(OperationResponse Head, JsonElement Body, string Text)
{
    public int StatusCode => Head.StatusCode;
}
