using System.Buffers;
using System.Globalization;

namespace JobEmulator.Core.Scenarios;

/// <summary>What a job id may be: it travels in paths (<c>/v1/jobs/{id}</c>) and queries (<c>?request_id=</c>).</summary>
internal static class JobIds
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create("/?#%&+\\\"");

    /// <summary>False for ids a path or query would mangle: spaces, control or format characters, <c>.</c> or <c>..</c> alone, and <c>/ ? # % &amp; + \ "</c>.</summary>
    public static bool IsUsableInUrls(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0 || id is "." or ".." || id.AsSpan().IndexOfAny(Unsafe) >= 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }
}
