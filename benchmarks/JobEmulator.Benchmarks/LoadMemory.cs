using System.Diagnostics;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Benchmarks;

/// <summary>
/// Where a large scenario's time and memory go: parse and validate, then build the engine, with the managed heap
/// retained after each step and the bytes allocated on the way.
/// <c>dotnet run -c Release --project benchmarks/JobEmulator.Benchmarks -- load-memory path/to/scenarios</c>
/// </summary>
internal static class LoadMemory
{
    public static void Run(string path, TextWriter output)
    {
        foreach (var file in Directory.Exists(path) ? Directory.GetFiles(path, "*.yaml") : [path])
        {
            var events = 0;
            var raw = Stopwatch.StartNew();
            var parser = new YamlDotNet.Core.Parser(new StringReader(File.ReadAllText(file)));
            while (parser.MoveNext())
            {
                events++;
            }

            output.WriteLine($"  YamlDotNet's parser alone: {events:N0} events in {raw.Elapsed.TotalSeconds:F2} s ({file})");
        }

        var baseline = Retained();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var clock = Stopwatch.StartNew();
        var set = new ScenarioLoader().LoadPaths([path]);
        var parsed = clock.Elapsed;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = $"{GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}";
        var afterParse = Retained();
        var allocatedParse = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        clock.Restart();
        using var engine = new JobEmulatorEngine(set, TimeProvider.System, Core.Definitions.DialectDefinitions.BuiltinCatalog, new RequestJournal(1000));
        var built = clock.Elapsed;
        var afterEngine = Retained();
        var jobs = set.Scenarios.Sum(s => s.Jobs.Count);

        output.WriteLine($"{jobs:N0} jobs from {path}");
        output.WriteLine($"  parse + validate: {parsed.TotalSeconds:F2} s, {allocatedParse / 1e6:F0} MB allocated, {(afterParse - baseline) / 1e6:F1} MB retained ({(afterParse - baseline) / Math.Max(1, jobs)} B/job)");
        output.WriteLine($"                    GC paused {paused.TotalSeconds:F2} s; collections gen0/1/2 {collections}");
        output.WriteLine($"  engine:           {built.TotalSeconds:F2} s, {(afterEngine - afterParse) / 1e6:F1} MB more retained ({(afterEngine - afterParse) / Math.Max(1, jobs)} B/job)");
        output.WriteLine($"  total retained:   {(afterEngine - baseline) / 1e6:F1} MB; process working set {Environment.WorkingSet / 1e6:F0} MB");
        GC.KeepAlive(engine);
        GC.KeepAlive(set);
    }

    private static long Retained()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
