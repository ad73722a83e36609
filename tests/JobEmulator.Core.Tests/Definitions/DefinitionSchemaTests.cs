using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using Json.Schema;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>The dialect definitions' JSON Schema and their reader agree: the built-in files pass both, broken ones fail both, and both know the same keys.</summary>
public sealed class DefinitionSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Scenarios, "schema", "dialect.schema.json");
    private static readonly string BuiltinFolder = Path.Combine(RepositoryPaths.Root, "src", "JobEmulator.Core", "Definitions", "Builtin");
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    public static TheoryData<string> Builtin() => [.. Directory.GetFiles(BuiltinFolder, "*.yaml").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Builtin))]
    public void EveryBuiltInDefinition_ValidatesAgainstTheSchema_AndPointsEditorsAtIt(string file)
    {
        var text = File.ReadAllText(Path.Combine(BuiltinFolder, file));

        text.Should().StartWith("# yaml-language-server: $schema=../../../../scenarios/schema/dialect.schema.json");
        Errors(text).Should().BeEmpty();
    }

    [Fact]
    public void TheReadmesOwnApi_ValidatesAgainstTheSchema()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "your-own-api", "lumen.yaml"));

        text.Should().StartWith("# yaml-language-server: $schema=../../scenarios/schema/dialect.schema.json");
        Errors(text).Should().BeEmpty();
        Errors(text.Replace("cancelling: { word: cancelling, after: 1s }", "cancelling: { word: cancelling }", StringComparison.Ordinal)).Should().NotBeEmpty("a cancelling step says how long it lasts");
    }

    [Fact]
    public void TheSchema_AndTheReader_KnowTheSameTopLevelKeys()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var inSchema = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var inReader = (string[])typeof(DialectDefinitionReader).GetField("TopKeys", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        inSchema.Should().BeEquivalentTo(inReader);
    }

    [Theory]
    [InlineData("kind: scenario")]
    [InlineData("kind: dialect\nname: Acme!")]
    [InlineData("kind: dialect\nname: acme\nstatus_words: { queued: q, running: r, completed: c }")]
    [InlineData("kind: dialect\nname: acme\ncolour: red")]
    [InlineData("kind: dialect\nname: acme\noperations: [{ method: FETCH, route: /x, kind: status }]")]
    [InlineData("kind: dialect\nname: acme\noperations: [{ method: GET, route: x, kind: status }]")]
    [InlineData("kind: dialect\nname: acme\noperations: [{ method: GET, route: /x, kind: poll }]")]
    [InlineData("kind: dialect\nname: acme\ncredentials: [cookie]")]
    [InlineData("kind: dialect\nname: acme\nerrors: { body: {}, kinds: { oops: { message: x } } }")]
    [InlineData("kind: dialect\nname: acme\nwebhooks: { events: [{ type: done, to: finished }], body: {} }")]
    [InlineData("kind: dialect\nname: acme\nwebhooks: { events: [], body: {}, signature: { scheme: md5, header: X } }")]
    [InlineData("kind: dialect\nname: acme\nretention: forever")]
    public void ABrokenDefinition_IsRejectedByBothTheReaderAndTheSchema(string yaml)
    {
        var load = () => DialectDefinitions.Load(yaml, "broken.yaml");

        load.Should().Throw<ScenarioValidationException>();
        Errors(yaml).Should().NotBeEmpty();
    }

    private static List<string> Errors(string yaml)
    {
        var parseErrors = new List<ScenarioError>();
        var root = YamlDocumentReader.Read("schema-check.yaml", yaml, parseErrors);
        parseErrors.Should().BeEmpty();
        var json = YamlJson.ToFragment(root!, new NodeReader("schema-check.yaml"), "the definition")!;
        using var document = JsonDocument.Parse(json.Utf8.ToArray());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
