using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/JobEmulator.Benchmarks -- --filter '*'
if (args is ["latency-accuracy"])
{
    await JobEmulator.Benchmarks.LatencyAccuracy.RunAsync(Console.Out);
    return;
}

if (args is ["load-memory", var path])
{
    JobEmulator.Benchmarks.LoadMemory.Run(path, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
