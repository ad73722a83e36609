using System.Text.Json;
using FluentAssertions;
using Json.Schema;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>The JSON Schema and the loader agree both ways: bundled scenarios pass both; a corpus of broken ones fails both.</summary>
public sealed class ScenarioSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Scenarios, "schema", "scenario.schema.json");
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    [Fact]
    public void TheSchemaFile_IsWhatTheLoadersVocabularyGenerates()
    {
        File.ReadAllText(SchemaPath).Replace("\r\n", "\n", StringComparison.Ordinal).Should().Be(ScenarioSchema.Generate(), "run 'jobemu schema > scenarios/schema/scenario.schema.json' after changing the vocabulary");
    }

    public static TheoryData<string> Bundled() => [.. Directory.GetFiles(RepositoryPaths.Scenarios, "*.yaml", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(RepositoryPaths.Scenarios, p))];

    [Theory]
    [MemberData(nameof(Bundled))]
    public void EveryBundledScenario_ValidatesAgainstTheSchema_AndPointsEditorsAtIt(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, file));

        text.Should().StartWith("# yaml-language-server: $schema=../schema/scenario.schema.json");
        Errors(text).Should().BeEmpty();
    }

    [Theory]
    [InlineData("dialect: acme\n")]
    [InlineData("dialect: docurift\ncolour: red\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: pending, polls: 0 }, { status: completed }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: queueing, polls: 1 }, { status: completed }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: pending, after: 3 seconds }, { status: completed }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    colour: red\n")]
    [InlineData("dialect: symbl\njobs:\n  - lifecycle: [{ status: completed }]\n    document_type: invoice\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults: [{ on: { poll: 1 }, respond: 200 }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults: [{ on: { poll: 1 }, network: timeout }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults: [{ on: { poll: 1 }, respond: 500, network: reset }]\n")]
    [InlineData("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults: [{ on: { submission: 1 }, respond: 500 }]\n")]
    [InlineData("dialect: docurift\nsubmitted_jobs:\n  - when: { colour: red }\n    lifecycle: [{ status: completed }]\n")]
    [InlineData("dialect: docurift\nsubmitted_jobs:\n  when: { nth: 1 }\n")]
    [InlineData("dialect: docurift\nauth: { apps: [{ app_id: a, app_secret: b }] }\n")]
    [InlineData("dialect: docurift\nauth: { keys: [] }\n")]
    [InlineData("dialect: aitronos\nwebhooks: { timeout: 5s }\n")]
    [InlineData("dialect: docurift\nrate_limit: { requests: 0, per: 1s }\n")]
    [InlineData("dialect: docurift\nrate_limit: { requests: 3, per: 1s, key: user }\n")]
    [InlineData("dialect: docurift\nlimits: { concurrent_jobs: 0 }\n")]
    [InlineData("dialect: docurift\nlatency: { min: 10ms }\n")]
    [InlineData("dialect: docurift\nlatency: { median: 40ms, sigma: 9 }\n")]
    [InlineData("dialect: docurift\nretention: forever\n")]
    [InlineData("version: 2\ndialect: docurift\n")]
    [InlineData("name: x\n")]
    public void ABrokenScenario_IsRejectedByBothTheLoaderAndTheSchema(string yaml)
    {
        var load = () => new ScenarioLoader().LoadYaml(yaml, "broken.yaml");

        load.Should().Throw<ScenarioValidationException>();
        Errors(yaml).Should().NotBeEmpty();
    }

    // The YAML as JSON (YAML 1.2 scalars typed as the loader types them), checked against the schema file.
    [Fact]
    public void YourOwnApisSample_CarriesTheSchemaGeneratedForItsDialect_AndItsScenarioValidates()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "your-own-api");
        var generated = ScenarioSchema.Generate(new ScenarioLoader().LoadPaths([sample]).Dialects);

        File.ReadAllText(Path.Combine(sample, "scenario.schema.json")).Replace("\r\n", "\n", StringComparison.Ordinal).Should().Be(generated, "run 'jobemu schema samples/your-own-api > samples/your-own-api/scenario.schema.json'");
        var scenario = File.ReadAllText(Path.Combine(sample, "renders.yaml"));
        scenario.Should().StartWith("# yaml-language-server: $schema=scenario.schema.json");
        var schema = JsonSchema.FromText(generated);
        Errors(scenario, schema).Should().BeEmpty();
        Errors(scenario.Replace("frames: 48", "frames: 0", StringComparison.Ordinal), schema).Should().NotBeEmpty("the dialect's job fields are in the schema, with their bounds");
        Errors(scenario).Should().NotBeEmpty("the built-in schema does not know the dialect");
    }

    private static List<string> Errors(string yaml, JsonSchema? schema = null)
    {
        var parseErrors = new List<ScenarioError>();
        var root = YamlDocumentReader.Read("schema-check.yaml", yaml, parseErrors);
        parseErrors.Should().BeEmpty();
        var json = YamlJson.ToFragment(root!, new NodeReader("schema-check.yaml"), "the scenario")!;
        using var document = JsonDocument.Parse(json.Utf8.ToArray());
        var result = (schema ?? Schema.Value).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
