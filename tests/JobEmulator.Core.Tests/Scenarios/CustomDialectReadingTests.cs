using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Json;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>
/// A dialect a user writes for a status-only API (no submit, no token, no webhooks) with a field bounded only
/// above: the loader's messages name what that dialect lacks.
/// </summary>
public sealed class CustomDialectReadingTests
{
    private static readonly DialectCatalog Catalog = new([new StatusOnlyDialect()]);

    private static string[] Errors(string yaml)
    {
        var act = () => new ScenarioLoader(Catalog).LoadYaml(yaml, "s.yaml");
        return [.. act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.ToString())];
    }

    [Fact]
    public void LoadYaml_SubmittedJobs_NeedADialectThatTakesSubmissions()
    {
        Errors("dialect: statusonly\nsubmitted_jobs: { lifecycle: [{ status: done }] }\n").Should().Equal(
            "s.yaml:2:17: 'submitted_jobs' needs a dialect whose clients can submit jobs; this version of statusonly has no submit operation");
    }

    [Fact]
    public void LoadYaml_AFieldBoundedOnlyAbove_SaysItsRangeStartsAtMinusInfinity()
    {
        Errors("dialect: statusonly\njobs:\n  - { score: 11, lifecycle: [{ status: done }] }\n").Should().Equal(
            "s.yaml:3:14: 'score' (a score of at most 10) must be between -∞ and 10; found 11");
    }

    [Fact]
    public void TheSchema_ForACatalog_NamesItsDialectsAndTheirWords_NotTheBuiltInOnes()
    {
        var schema = ScenarioSchema.Generate(Catalog);

        schema.Should().Contain("\"statusonly\"").And.Contain("\"working\"").And.NotContain("\"docurift\"");
    }

    [Fact]
    public void LoadYaml_AFieldBoundedOnlyAbove_TakesAnyValueUpToItsMaximum()
    {
        var job = new ScenarioLoader(Catalog).LoadYaml("dialect: statusonly\njobs:\n  - { score: -1000000, lifecycle: [{ status: done }] }\n  - { score: 10, lifecycle: [{ status: done }] }\n", "s.yaml").Jobs;

        job.Select(j => j.Fields[0].ToString()).Should().Equal("-1000000", "10");
    }

    private sealed class StatusOnlyDialect : Dialect
    {
        public override string Name => "statusonly";

        public override string Vendor => "StatusOnly";

        public override StatusWords StatusWords { get; } = new("waiting", "working", "done", "broken");

        public override IReadOnlyList<DialectOperation> Operations => [];

        internal override IReadOnlyList<JobField> JobFields { get; } =
        [
            new("score", JobFieldKind.Number, "a score of at most 10", _ => JsonFragment.Number(1)) { Maximum = 10 },
        ];

        internal override string? ReadJobId(IEmulatorRequest request) => null;

        internal override string GenerateJobId(FakeData random) => "job_" + VendorIds.UuidHex(random);

        internal override void WriteJob(Utf8JsonWriter writer, in JobView job, IEmulatorRequest request) => writer.WriteNullValue();

        internal override void WriteError(Utf8JsonWriter writer, in ErrorView problem) => writer.WriteNullValue();
    }
}
