using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

/// <summary>
/// Dialects loaded, replaced and unloaded while the engine runs (the admin API, <c>--watch</c>): served from then on,
/// the scenarios of a replaced or removed definition unloaded with their jobs, built-in dialects kept, and a refused
/// definition changing nothing.
/// </summary>
public sealed class RuntimeDialectTests
{
    private const string Acme = """
        kind: dialect
        name: acme
        status_words: { queued: queued, running: running, completed: done, failed: failed }
        credentials: [bearer]
        job_id: { route: id, new: "job_{{ fake.text(8, 'abc') }}" }
        operations:
          - { method: GET, route: "/acme/jobs/{id}", kind: status }
        bodies:
          status: { id: "{{ job.id }}", status: "{{ job.status_word }}" }
        errors:
          body: { error: "{{ error.message }}" }
          kinds:
            default: { message: wrong }
        """;

    private const string Jobs = "name: acme-jobs\ndialect: acme\njobs:\n  - id: job_one\n    lifecycle: [{ status: done }]\n";

    private static (JobEmulatorEngine Engine, List<string> Changes) Start()
    {
        var engine = new JobEmulatorEngine(ScenarioSet.Create([new ScenarioLoader().LoadYaml("dialect: waveline\njobs: [{ id: w1, lifecycle: [{ status: COMPLETED }] }]\n", "w.yaml")]), new FakeTimeProvider());
        var changes = new List<string>();
        engine.DialectsChanged += (_, _) => changes.Add(string.Join(",", engine.Dialects.Names));
        return (engine, changes);
    }

    [Fact]
    public void ALoadedDefinition_IsServed_AndItsScenariosLoad()
    {
        var (engine, changes) = Start();
        using var owned = engine;

        engine.LoadDialectYaml(Acme, "acme.yaml", out var unloaded).Should().Be("acme");
        engine.Load(new ScenarioLoader(engine.Dialects).LoadYaml(Jobs, "jobs.yaml"));

        unloaded.Should().BeEmpty();
        changes.Should().Equal("symbl,deepaffects,waveline,aitronos,docurift,acme");
        engine.Dialects.Find("acme")!.DefinitionSource.Should().Be("acme.yaml");
        engine.FindJob(engine.Dialects.Find("acme")!, "job_one").Should().NotBeNull();
        engine.JobCount.Should().Be(2);
    }

    [Fact]
    public void AReplacedDefinition_UnloadsTheScenariosThatSpokeIt_AndAResetDoesNotBringThemBack()
    {
        var (engine, changes) = Start();
        using var owned = engine;
        engine.LoadDialectYaml(Acme, "acme.yaml", out _);
        var old = new ScenarioLoader(engine.Dialects).LoadYaml(Jobs, "jobs.yaml");
        engine.Load(old);

        engine.LoadDialectYaml(Acme.Replace("failed: failed", "failed: error", StringComparison.Ordinal), "acme-2.yaml", out var unloaded);

        unloaded.Should().Equal("acme-jobs");
        changes.Should().HaveCount(2);
        engine.Dialects.Find("acme")!.StatusWords[JobStatus.Failed].Should().Be("error");
        engine.Dialects.Names.Should().ContainSingle(n => n == "acme");
        engine.FindJob(engine.Dialects.Find("acme")!, "job_one").Should().BeNull();
        engine.JobCount.Should().Be(1);
        engine.Invoking(e => e.Load(old)).Should().Throw<ArgumentException>().WithMessage("*was read for another definition of dialect 'acme' than the one served now*");
        engine.Reset();
        engine.Scenarios.Scenarios.Select(s => s.Name).Should().Equal("w");
        engine.Dialects.Find("acme").Should().NotBeNull("a reset starts the scenarios over; the dialects stay as they are");
    }

    [Fact]
    public void AnUnloadedDefinition_TakesItsScenariosAndJobs()
    {
        var (engine, changes) = Start();
        using var owned = engine;
        engine.LoadDialectYaml(Acme, "acme.yaml", out _);
        engine.Load(new ScenarioLoader(engine.Dialects).LoadYaml(Jobs, "jobs.yaml"));

        engine.UnloadDialect("ACME", out var unloaded).Should().BeTrue();

        unloaded.Should().Equal("acme-jobs");
        engine.Dialects.Find("acme").Should().BeNull();
        engine.Scenarios.Scenarios.Select(s => s.Name).Should().Equal("w");
        engine.JobCount.Should().Be(1);
        changes.Should().Equal("symbl,deepaffects,waveline,aitronos,docurift,acme", "symbl,deepaffects,waveline,aitronos,docurift");
        engine.UnloadDialect("acme", out var none).Should().BeFalse();
        none.Should().BeEmpty();
        changes.Should().HaveCount(2, "nothing changed the second time");
    }

    [Fact]
    public void BuiltInDialects_AreNeitherReplacedNorUnloaded()
    {
        var (engine, changes) = Start();
        using var owned = engine;

        engine.Invoking(e => e.UnloadDialect("docurift", out _)).Should().Throw<InvalidOperationException>().WithMessage("'docurift' is a built-in dialect*");
        engine.Invoking(e => e.LoadDialectYaml(Acme.Replace("name: acme", "name: waveline", StringComparison.Ordinal), "mine.yaml", out _))
            .Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString()).Should().Equal(
                "mine.yaml:2:7: a dialect named 'waveline' is already defined at waveline.yaml (built in):7:7; dialect names are unique (scenarios name them in 'dialect:')");

        engine.Dialects.Should().BeSameAs(Core.Definitions.DialectDefinitions.BuiltinCatalog);
        changes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("route: \"/acme/jobs/{id}\"", "route: \"/api/v1/jobs/{id}\"", "acme.yaml:7:5: GET /api/v1/jobs/{id} would answer the requests of dialect 'waveline''s GET /api/v1/jobs/{id}")]
    [InlineData("status_words", "status_wordz", "acme.yaml:3:1: unknown key 'status_wordz' in a dialect definition")]
    public void ARefusedDefinition_ChangesNothing(string find, string replace, string expected)
    {
        var (engine, changes) = Start();
        using var owned = engine;

        engine.Invoking(e => e.LoadDialectYaml(Acme.Replace(find, replace, StringComparison.Ordinal), "acme.yaml", out _))
            .Should().Throw<ScenarioValidationException>().Which.Errors.Should().Contain(e => e.ToString().StartsWith(expected, StringComparison.Ordinal));

        engine.Dialects.Should().BeSameAs(Core.Definitions.DialectDefinitions.BuiltinCatalog);
        changes.Should().BeEmpty();
    }

    [Fact]
    public void AtMostAHundredDialectsOfYourOwn_AreServed_AndAReplacementStillLoads()
    {
        var (engine, changes) = Start();
        using var owned = engine;
        for (var i = 0; i < JobEmulatorEngine.MaxDefinedDialects; i++)
        {
            engine.LoadDialectYaml(Acme.Replace("name: acme", $"name: acme{i}", StringComparison.Ordinal).Replace("/acme/", $"/acme{i}/", StringComparison.Ordinal), $"acme{i}.yaml", out _);
        }

        engine.Invoking(e => e.LoadDialectYaml(Acme.Replace("/acme/", "/acme-more/", StringComparison.Ordinal), "more.yaml", out _))
            .Should().Throw<InvalidOperationException>().WithMessage("This emulator serves 100 dialects of your own already*");
        engine.LoadDialectYaml(Acme.Replace("name: acme", "name: acme7", StringComparison.Ordinal).Replace("/acme/", "/acme7/", StringComparison.Ordinal), "acme7-v2.yaml", out _)
            .Should().Be("acme7", "replacing one does not add one");
        engine.Dialects.All.Should().HaveCount(105);
        changes.Should().HaveCount(101);
    }
}
