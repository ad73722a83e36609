using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace JobEmulator.Core.Tests.Support;

/// <summary>
/// Bodies held byte for byte in <c>tests/JobEmulator.Core.Tests/Snapshots/</c>: each value is a body's exact text. After an
/// intended change, <c>JOBEMU_UPDATE_SNAPSHOTS=1 dotnet test --project tests/JobEmulator.Core.Tests</c> rewrites them; read the diff.
/// </summary>
internal static class Snapshot
{
    public static void ShouldMatchSnapshot(this JsonObject bodies, string folder, string name, [CallerFilePath] string here = "")
    {
        var actual = bodies.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var path = Path.Combine(Path.GetDirectoryName(here)!, "..", "Snapshots", folder, name + ".json");
        if (Environment.GetEnvironmentVariable("JOBEMU_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        File.Exists(path).Should().BeTrue("{0} is the snapshot (JOBEMU_UPDATE_SNAPSHOTS=1 writes it)", path);
        actual.Should().Be(File.ReadAllText(path), "every {0} body in {1} is as the snapshot holds it; if the change is intended, rewrite the snapshots and read the diff", name, folder);
    }
}
