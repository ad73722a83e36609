using FluentAssertions;
using JobEmulator.Core.Scenarios;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Tests that measure the whole process's heap, so nothing runs beside them.</summary>
[CollectionDefinition(nameof(MeasuresHeap), DisableParallelization = true)]
public sealed class MeasuresHeap;

/// <summary>Decoding a large scenario file keeps nothing once the text is let go.</summary>
[Collection(nameof(MeasuresHeap))]
public sealed class DecodeMemoryTests
{
    [Fact]
    public void DecodeText_ALargeFile_KeepsNothingOnceDone()
    {
        var bytes = new byte[16 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        var before = GC.GetTotalMemory(forceFullCollection: true);

        DecodedLength(bytes).Should().Be(bytes.Length);

        // A pooled 32 MB char buffer once stayed in the shared pool for the process's life after a large load.
        (GC.GetTotalMemory(forceFullCollection: true) - before).Should().BeLessThan(4 * 1024 * 1024);
        GC.KeepAlive(bytes);
    }

    // Out of line, so a debug build does not keep the decoded text alive in the test's own frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int DecodedLength(byte[] bytes) => ScenarioLoader.DecodeText(bytes).Length;
}
