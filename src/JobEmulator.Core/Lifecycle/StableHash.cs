
namespace JobEmulator.Core.Lifecycle;

/// <summary>
/// FNV-1a hashing that gives the same value on every run and machine (unlike <c>string.GetHashCode</c>),
/// used to derive per-job seeds so generated data replays byte for byte.
/// </summary>
internal static class StableHash
{
    /// <summary>Combines a seed with text parts into a new seed.</summary>
    public static int Combine(int seed, params ReadOnlySpan<string> parts)
    {
        var hash = 2166136261u ^ (uint)seed;
        hash *= 16777619u;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash = (hash ^ 0x1Fu) * 16777619u;
        }

        return (int)hash;
    }
}
