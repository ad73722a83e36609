using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>
/// 'jobs' is read item by item while the file is parsed when dialect, seed and name come before it, and read whole
/// afterwards otherwise: both give the same jobs (generated ids included) and the same errors at the same places.
/// </summary>
public sealed class StreamedJobsTests
{
    private const string Head = "version: 1\nname: orders\ndialect: docurift\nseed: 11\n";

    private const string Jobs = """
        jobs:
          - lifecycle: [{ status: pending, polls: 2 }, { status: completed }]
          - id: job_scripted
            lifecycle: [{ status: processing, after: 3s }, { status: failed }]
          - document_type: receipt
            lifecycle: [{ status: completed }]

        """;

    [Fact]
    public void WhenDialectSeedAndNameComeFirst_JobsAreHandedOverAsTheyAreRead_AndNotKept()
    {
        Root(Head + Jobs)["jobs"].Should().BeOfType<StreamedList>().Which.Count.Should().Be(3);
        Root(Jobs + Head)["jobs"].Should().BeOfType<YamlList>().Which.Items.Should().HaveCount(3);
        Root("dialect: docurift\nseed: '5'\n" + Jobs)["jobs"].Should().BeOfType<YamlList>("a quoted seed is an error Read() reports; the jobs wait for it");
    }

    [Fact]
    public void JobsBeforeOrAfterWhatTheyDependOn_LoadTheSameJobs()
    {
        var streamed = new ScenarioLoader().LoadYaml(Head + Jobs, "orders.yaml");
        var whole = new ScenarioLoader().LoadYaml(Jobs + Head, "orders.yaml");

        streamed.Jobs.Select(j => j.Id).Should().Equal(whole.Jobs.Select(j => j.Id)).And.HaveCount(3).And.Contain("job_scripted");
        streamed.Jobs.Select(j => string.Join(",", j.Lifecycle.Select(s => s.Status))).Should().Equal(whole.Jobs.Select(j => string.Join(",", j.Lifecycle.Select(s => s.Status))));
    }

    [Fact]
    public void AQuotedOrMissingName_AndAMissingSeed_StreamTheSameJobsAsReadingWhole()
    {
        foreach (var head in new[] { "dialect: docurift\n", "name: 'orders'\ndialect: \"docurift\"\n", "dialect: docurift\nseed: -3\n" })
        {
            var streamed = new ScenarioLoader().LoadYaml(head + Jobs, "orders.yaml");
            var whole = new ScenarioLoader().LoadYaml(Jobs + head, "orders.yaml");

            streamed.Jobs.Select(j => j.Id).Should().Equal(whole.Jobs.Select(j => j.Id), head);
        }
    }

    [Fact]
    public void ErrorsInStreamedJobs_AreTheSameAsWhenReadWhole_AtTheirOwnLines()
    {
        const string Broken = "jobs:\n  - lifecycle: [{ status: pending, polls: two }, { status: completed }]\n  - colour: red\n    lifecycle: [{ status: completed }]\n";

        var streamed = Errors(Head + Broken);
        var whole = Errors(Broken + Head);

        streamed.Select(e => e.Message).Should().Equal(whole.Select(e => e.Message)).And.HaveCount(2);
        streamed.Select(e => e.Position.Line).Should().Equal(6, 7);
        whole.Select(e => e.Position.Line).Should().Equal(2, 3);
    }

    [Fact]
    public void ABrokenSeedOrDialectBeforeJobs_IsReportedOnce_AndTheJobsAreStillChecked()
    {
        var errors = Errors("dialect: docurift\nseed: lots\njobs:\n  - lifecycle: [{ status: pendin }]\n");

        errors.Select(e => e.Position.Line).Should().Equal(2, 4);
    }

    [Fact]
    public void ASyntaxErrorAfterStreamedJobs_IsReportedAlone_AsWhenTheListIsReadWhole()
    {
        const string Tail = "jobs:\n  - lifecycle: [{ status: pendng }]\n  - lifecycle: [{ status: completed }]\nwebhooks: { retry: [10s\n";

        var streamed = Errors(Head + Tail);
        var whole = Errors(Tail + Head);

        streamed.Should().ContainSingle().Which.Message.Should().StartWith("invalid YAML");
        whole.Should().ContainSingle("the job's unknown status is not reported beside the syntax error").Which.Message.Should().StartWith("invalid YAML");
    }

    [Fact]
    public void ASecondJobsKey_IsADuplicateKey_AndItsJobsAreNotRead()
    {
        var errors = Errors("jobs:\n  - lifecycle: [{ status: completed }]\n" + Head + "jobs:\n  - lifecycle: [{ status: pendng }]\n");

        errors.Should().ContainSingle().Which.Message.Should().Be("duplicate key 'jobs' in this mapping");
    }

    private static YamlMap Root(string yaml)
    {
        var reader = new NodeReader("orders.yaml");
        return (YamlMap)YamlDocumentReader.Read("orders.yaml", yaml, reader.Errors, new ScenarioReader(reader, Core.Definitions.DialectDefinitions.BuiltinCatalog))!;
    }

    private static IReadOnlyList<ScenarioError> Errors(string yaml)
    {
        var load = () => new ScenarioLoader().LoadYaml(yaml, "orders.yaml");
        return load.Should().Throw<ScenarioValidationException>().Which.Errors;
    }
}
