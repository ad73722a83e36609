using System.Text;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Definitions;

/// <summary>The error kinds as a definition file names them: <c>job_not_found</c> for <see cref="ErrorKind.JobNotFound"/>.</summary>
internal static class ErrorKinds
{
    private static readonly string[] Names = [.. Enum.GetValues<ErrorKind>().Select(Snake)];

    /// <summary>Every kind's name, in the enum's order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string NameOf(ErrorKind kind) => Names[(int)kind];

    public static bool TryParse(string name, out ErrorKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = (ErrorKind)Math.Max(index, 0);
        return index >= 0;
    }

    private static string Snake(ErrorKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
