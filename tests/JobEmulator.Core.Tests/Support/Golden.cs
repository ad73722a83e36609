using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace JobEmulator.Core.Tests.Support;

/// <summary>Golden bodies copied verbatim from the vendor documents in shared/seeds.</summary>
internal static class Golden
{
    public static JsonNode Load(string dialect, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", dialect, name + ".json")))!;

    /// <summary>Same field names, values, types and nesting, and the same field order as the document.</summary>
    /// <param name="answer">What the emulator answered.</param>
    /// <param name="dialect">The golden folder.</param>
    /// <param name="name">The golden file.</param>
    /// <param name="volatilePaths">Fields whose value is per-request (trace ids): only their presence and type are compared.</param>
    public static void ShouldMatchGolden(this Answer answer, string dialect, string name, params string[] volatilePaths)
    {
        var expected = Load(dialect, name);
        var actual = JsonNode.Parse(answer.Text)!;
        foreach (var path in volatilePaths)
        {
            var (expectedParent, key) = Locate(expected, path);
            var (actualParent, _) = Locate(actual, path);
            actualParent[key].Should().NotBeNull("{0} is part of the documented body", path);
            actualParent[key]!.GetValueKind().Should().Be(expectedParent[key]!.GetValueKind(), "{0} keeps the documented type", path);
            actualParent[key] = expectedParent[key]!.DeepClone();
        }

        var pretty = new JsonSerializerOptions { WriteIndented = true };
        JsonNode.DeepEquals(actual, expected).Should().BeTrue(
            "the body must equal the {0} document's example '{1}'.\nExpected:\n{2}\nActual:\n{3}",
            dialect, name, expected.ToJsonString(pretty), actual.ToJsonString(pretty));
        PropertyOrder(actual).Should().Equal(PropertyOrder(expected), "fields appear in the document's order");
    }

    private static (JsonObject Parent, string Key) Locate(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node[part]!;
        }

        return (node.AsObject(), parts[^1]);
    }

    private static List<string> PropertyOrder(JsonNode? node, string path = "$")
    {
        var names = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    names.Add($"{path}.{key}");
                    names.AddRange(PropertyOrder(value, $"{path}.{key}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    names.AddRange(PropertyOrder(array[i], $"{path}[{i}]"));
                }

                break;
        }

        return names;
    }
}
