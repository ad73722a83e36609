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
    public static void ShouldMatchGolden(this Answer answer, string dialect, string name)
    {
        var expected = Load(dialect, name);
        var actual = JsonNode.Parse(answer.Text)!;
        var pretty = new JsonSerializerOptions { WriteIndented = true };
        JsonNode.DeepEquals(actual, expected).Should().BeTrue(
            "the body must equal the {0} document's example '{1}'.\nExpected:\n{2}\nActual:\n{3}",
            dialect, name, expected.ToJsonString(pretty), actual.ToJsonString(pretty));
        PropertyOrder(actual).Should().Equal(PropertyOrder(expected), "fields appear in the document's order");
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
