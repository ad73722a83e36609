using FluentAssertions;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// Dialect definition files loaded where scenarios load: beside them in a folder (read first, whatever their order),
/// from YAML text, into the set and the engine; a clash of names or routes names both files and lines.
/// </summary>
public sealed class UserDialectLoadingTests : IDisposable
{
    private const string Acme = """
        kind: dialect
        version: 1
        name: acme
        status_words: { queued: queued, running: running, completed: done, failed: failed }
        credentials: [bearer]
        job_id: { route: id, new: "job_{{ fake.text(8, 'abc') }}" }
        operations:
          - { method: GET, route: "/acme/v1/jobs/{id}", kind: status }
          - { method: POST, route: /acme/v1/jobs, kind: submit, body: json, success: 202 }
        bodies:
          status: { id: "{{ job.id }}", status: "{{ job.status_word }}" }
        errors:
          body: { error: "{{ error.message }}" }
          kinds:
            default: { message: Something went wrong }
        """;

    private const string AcmeScenario = """
        kind: scenario
        dialect: acme
        jobs:
          - id: job_one
            lifecycle: [{ status: running, after: 2s }, { status: done }]
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-dialects-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AFolder_HoldingADialectAndItsScenario_LoadsBoth_WhicheverFileComesFirst()
    {
        // "a-" sorts before "z-": the scenario is met first, and still speaks the dialect defined after it.
        Write("a-scenario.yaml", AcmeScenario);
        var definition = Write("z-acme.yaml", Acme);

        var loader = new ScenarioLoader();
        var set = loader.LoadPaths([_folder]);

        set.Scenarios.Should().ContainSingle().Which.Dialect.Name.Should().Be("acme");
        set.Dialects.Names.Should().Equal("symbl", "deepaffects", "waveline", "aitronos", "docurift", "acme");
        loader.Dialects.Find("acme").Should().BeSameAs(set.Scenarios[0].Dialect, "the loader keeps what it read for later scenarios");
        ((DefinedDialect)set.Dialects.Find("acme")!).Definition.Source.Should().Be(definition);
    }

    [Fact]
    public void TheEngine_ServesTheSetsDialects_AndItsJobsMoveOnItsClock()
    {
        Write("acme.yaml", Acme);
        Write("jobs.yaml", AcmeScenario);
        var set = new ScenarioLoader().LoadPaths([_folder]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var engine = new JobEmulatorEngine(set, clock);

        engine.Dialects.Find("acme").Should().NotBeNull();
        var job = engine.FindJob(engine.Dialects.Find("acme")!, "job_one")!;
        job.Peek(clock.GetUtcNow()).Status.Should().Be(JobStatus.Running);
        clock.Advance(TimeSpan.FromSeconds(2));
        job.Peek(clock.GetUtcNow()).Status.Should().Be(JobStatus.Completed);
    }

    [Fact]
    public void ADefinitionFromText_IsSpokenByScenariosLoadedAfterIt()
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Acme, "acme.yaml");

        loader.LoadYaml(AcmeScenario, "jobs.yaml").Dialect.Name.Should().Be("acme");
        loader.Dialects.Names.Should().Contain("acme");
        loader.Dialects.All.Where(d => d.IsBuiltIn).Select(d => d.Name).Should().Equal("symbl", "deepaffects", "waveline", "aitronos", "docurift");
        loader.Dialects.Find("acme")!.IsBuiltIn.Should().BeFalse("a definition read from a file is the user's");
        var docurift = Core.Definitions.DialectDefinitions.Builtin("docurift");
        (docurift.IsBuiltIn, docurift.DefinitionSource).Should().Be((true, "docurift.yaml (built in)"), "each built-in is read from the assembly");
        new ScenarioLoader().Invoking(l => l.LoadYaml(AcmeScenario, "jobs.yaml")).Should().Throw<ScenarioValidationException>()
            .WithMessage("*jobs.yaml:2:10: unknown dialect 'acme'; expected one of: symbl, deepaffects, waveline, aitronos, docurift*", "another loader has not read it");
    }

    [Fact]
    public void AFolderLoadedTwice_ReadsItsDefinitionOnce()
    {
        Write("acme.yaml", Acme);
        Write("jobs.yaml", AcmeScenario.Replace("job_one", "job_two", StringComparison.Ordinal));
        var loader = new ScenarioLoader();
        var first = loader.LoadPaths([_folder]);

        var second = loader.LoadPaths([_folder]);

        second.Dialects.Should().BeSameAs(first.Dialects);
        second.Scenarios[0].Dialect.Should().BeSameAs(first.Scenarios[0].Dialect);
    }

    [Fact]
    public void ARouteABuiltInDialectServes_IsRefused_NamingBothFilesAndLines()
    {
        Write("acme.yaml", Acme.Replace("/acme/v1/jobs/{id}", "/v1/jobs/{job}", StringComparison.Ordinal));

        var act = () => new ScenarioLoader().LoadPaths([_folder]);

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new ScenarioError(
            Path.Combine(_folder, "acme.yaml"), new SourcePosition(8, 5),
            "GET /v1/jobs/{job} would answer the requests of dialect 'docurift''s GET /v1/jobs/{id} at docurift.yaml (built in):20:5; give one of them another route (a path prefix of its own)"));
    }

    [Fact]
    public void TwoDefinitionsOfOneName_AreRefused_AtTheSecondNamingTheFirst()
    {
        Write("a/acme.yaml", Acme);
        Write("b/acme.yaml", Acme.Replace("/acme/", "/acme2/", StringComparison.Ordinal));

        var act = () => new ScenarioLoader().LoadPaths([_folder]);

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new ScenarioError(
            Path.Combine(_folder, "b", "acme.yaml"), new SourcePosition(3, 7),
            $"a dialect named 'acme' is already defined at {Path.Combine(_folder, "a", "acme.yaml")}:3:7; dialect names are unique (scenarios name them in 'dialect:')"));
    }

    [Fact]
    public void ABuiltInName_IsTaken()
    {
        var loader = new ScenarioLoader();

        loader.Invoking(l => l.LoadDialectYaml(Acme.Replace("name: acme", "name: waveline", StringComparison.Ordinal), "mine.yaml"))
            .Should().Throw<ScenarioValidationException>().WithMessage("*mine.yaml:3:7: a dialect named 'waveline' is already defined at waveline.yaml (built in):*");
        loader.Dialects.Should().BeSameAs(Core.Definitions.DialectDefinitions.BuiltinCatalog, "a refused definition changes nothing");
    }

    [Fact]
    public void RoutesThatDifferOnlyInParameterNames_ClashWithinOneFile()
    {
        var act = () => DialectDefinitions.Load(Acme.Replace(
            "  - { method: POST, route: /acme/v1/jobs, kind: submit, body: json, success: 202 }",
            "  - { method: GET, route: \"/acme/v1/jobs/{job}/\", kind: status }", StringComparison.Ordinal), "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage(
            "*acme.yaml:9:5: GET /acme/v1/jobs/{job}/ matches the same requests as GET /acme/v1/jobs/{id} at 8:5: routes that differ only in their parameters' names cannot both be served*");
    }

    [Fact]
    public void AScenarioOfABrokenDefinition_SaysWhichFileDidNotLoad_NotThatTheDialectIsUnknown()
    {
        var definition = Write("acme.yaml", Acme.Replace("status_words", "status_wordz", StringComparison.Ordinal));
        Write("jobs.yaml", AcmeScenario);

        var act = () => new ScenarioLoader().LoadPaths([_folder]);

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString()).Should().Contain(
            $"{Path.Combine(_folder, "jobs.yaml")}:2:10: dialect 'acme' is defined in {definition}, which did not load (its errors are listed with this one)");
    }

    [Fact]
    public void ADefinitionGivenAsAScenario_IsRefusedWithWhereItBelongs()
    {
        var act = () => new ScenarioLoader().LoadYaml(Acme, "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage(
            "*acme.yaml:1:7: this file is a dialect definition ('kind: dialect' must start its own line, at the top level), not a scenario*");
    }

    [Theory]
    [InlineData("kind: dialect", true)]
    [InlineData("kind: \"dialect\"   # a definition", true)]
    [InlineData("# kind: dialect\nname: x", false)]
    [InlineData("  kind: dialect", false)]
    [InlineData("kind: scenario", false)]
    [InlineData("dialect: acme\nkind: dialect", true)]
    public void ADefinitionIsToldByItsTopLevelKindLine(string yaml, bool isDefinition) =>
        DialectDefinitions.IsDefinition(yaml).Should().Be(isDefinition);

    [Fact]
    public void ScenarioFilesMaySayTheirKind_AndOnlyScenarioOrDialect()
    {
        new ScenarioLoader().LoadYaml("kind: scenario\ndialect: waveline\n").Dialect.Name.Should().Be("waveline");

        var act = () => new ScenarioLoader().LoadYaml("kind: job\ndialect: waveline\n", "s.yaml");

        act.Should().Throw<ScenarioValidationException>().WithMessage("*s.yaml:1:7: 'kind' is 'scenario' (the default) or 'dialect' (a dialect definition file); found 'job'*");
    }

    [Fact]
    public void ASetOfScenariosBuiltForADefinedDialect_ServesThatDialect()
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Acme, "acme.yaml");
        var one = new ScenarioBuilder("acme").Named("one").Build(loader.Dialects);
        var two = new ScenarioBuilder("acme").Named("two").Build(loader.Dialects);

        var set = ScenarioSet.Create([one, two]);

        set.Dialects.Names.Should().Equal("symbl", "deepaffects", "waveline", "aitronos", "docurift", "acme");
        set.Dialects.Find("acme").Should().BeSameAs(one.Dialect);
        ScenarioSet.Create([new ScenarioBuilder("waveline").Build()]).Dialects.Should().BeSameAs(Core.Definitions.DialectDefinitions.BuiltinCatalog, "nothing is added for built-in dialects");
    }

    [Fact]
    public void AClashWithADialectWrittenInCode_NamesThatDialect()
    {
        var loader = new ScenarioLoader(new DialectCatalog([new Reference.WavelineDialect()]));

        loader.Invoking(l => l.LoadDialectYaml(Acme.Replace("/acme/v1/jobs/{id}", "/api/v1/jobs/{id}", StringComparison.Ordinal), "acme.yaml"))
            .Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString()).Should().Equal(
                "acme.yaml:8:5: GET /api/v1/jobs/{id} would answer the requests of dialect 'waveline''s GET /api/v1/jobs/{id} at waveline (a dialect written in C#):1:1; give one of them another route (a path prefix of its own)");
    }

    [Fact]
    public void ANameClash_IsReportedOnce_WithoutItsRoutes()
    {
        var loader = new ScenarioLoader();
        loader.LoadDialectYaml(Acme, "first.yaml");

        loader.Invoking(l => l.LoadDialectYaml(Acme, "second.yaml")).Should().Throw<ScenarioValidationException>()
            .Which.Errors.Should().ContainSingle("the routes are the same too, but the name says it all");
    }

    [Fact]
    public void ScenariosKeepTheOrderOfTheirFiles_WhetherReadAtOnceOrAfterTheDefinitions()
    {
        Write("a.yaml", AcmeScenario.Replace("kind: scenario\n", "name: first\n", StringComparison.Ordinal));
        Write("b.yaml", "name: second\ndialect: waveline\n");
        Write("c.yaml", AcmeScenario.Replace("kind: scenario\n", "name: third\n", StringComparison.Ordinal).Replace("job_one", "job_three", StringComparison.Ordinal));
        Write("d.yaml", "name: fourth\n'dialect': waveline\n");
        Write("z.yaml", Acme);

        var set = new ScenarioLoader().LoadPaths([_folder]);

        set.Scenarios.Select(s => s.Name).Should().Equal("first", "second", "third", "fourth");
    }

    [Theory]
    [InlineData("dialect: waveline", "waveline")]
    [InlineData("name: x\ndialect: \"acme\"  # mine", "acme")]
    [InlineData("  dialect: waveline", null)]
    [InlineData("dialect:", null)]
    public void AScenariosDialect_IsReadFromItsTopLevelLine(string yaml, string? dialect) =>
        DialectDefinitions.DialectOf(yaml).Should().Be(dialect);
}
