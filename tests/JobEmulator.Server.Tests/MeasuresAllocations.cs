using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// Tests that count the bytes this process allocates (GC.GetTotalAllocatedBytes is process-wide) run alone, after
/// the parallel ones, so the fuzz and concurrency tests' traffic never lands in their count.
/// </summary>
[CollectionDefinition(nameof(MeasuresAllocations), DisableParallelization = true)]
public sealed class MeasuresAllocations;
