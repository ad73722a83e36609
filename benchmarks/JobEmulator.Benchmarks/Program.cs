using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/JobEmulator.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
