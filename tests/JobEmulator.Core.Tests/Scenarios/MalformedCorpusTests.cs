using FluentAssertions;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>
/// The generated corpus of broken files (<see cref="MalformedScenarioCorpus"/>): every file is refused with an error
/// at its broken spot, whose message quotes the file briefly enough to read, and nothing else is thrown.
/// </summary>
public sealed class MalformedCorpusTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("jobemu-corpus-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheCorpus_HasAtLeast200Files_WithUniqueNames()
    {
        MalformedScenarioCorpus.All.Should().HaveCountGreaterThanOrEqualTo(200);
        MalformedScenarioCorpus.All.Select(f => f.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void LoadFile_EveryCorpusFile_IsRefusedWithAnErrorAtItsBrokenSpot()
    {
        var corpus = MalformedScenarioCorpus.WriteTo(_folder.FullName);
        var wrong = new List<string>();
        foreach (var file in corpus)
        {
            var path = Path.Combine(_folder.FullName, file.Name);
            try
            {
                new ScenarioLoader().LoadFile(path);
                wrong.Add($"{file.Name}: loaded without an error");
            }
            catch (ScenarioValidationException ex)
            {
                if (CorpusCheck.Mismatch(file, path, ex.Errors) is { } mismatch)
                {
                    wrong.Add(mismatch);
                }
            }
#pragma warning disable CA1031 // the corpus names every file that escapes with anything else
            catch (Exception ex)
#pragma warning restore CA1031
            {
                wrong.Add($"{file.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        string.Join(Environment.NewLine, wrong).Should().BeEmpty();
    }

    [Theory]
    [InlineData("alias-bomb-laughs.yaml")]
    [InlineData("alias-bomb-wide.yaml")]
    [InlineData("nesting-flow-100000-unclosed.yaml")]
    [InlineData("nesting-flow-maps-1000.yaml")]
    [InlineData("huge-value.yaml")]
    public void LoadFile_TheFilesBuiltToExhaustMemory_AreRefusedWithinBoundedAllocation(string name)
    {
        MalformedScenarioCorpus.WriteTo(_folder.FullName);
        var path = Path.Combine(_folder.FullName, name);
        var size = new FileInfo(path).Length;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => new ScenarioLoader().LoadFile(path);

        act.Should().Throw<ScenarioValidationException>();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(Math.Min(size, ScenarioLoader.MaxFileBytes) * 8 + (16 * 1024 * 1024), "refusing a file costs a small multiple of what was read, never what its aliases or nesting would expand to");
    }

    [Fact]
    public void LoadFile_AnEndlessDevice_IsRefusedOnceTheCapIsPassed()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var act = () => new ScenarioLoader().LoadFile("/dev/zero");

        act.Should().Throw<ScenarioValidationException>().Which.Message.Should().Contain("/dev/zero:1:1: the file is more than that, larger than the 64 MiB");
    }

    [Fact]
    public void LoadFile_AFileOverTheCap_IsRefusedFromItsSize_WithoutBeingRead()
    {
        MalformedScenarioCorpus.WriteTo(_folder.FullName);
        var path = Path.Combine(_folder.FullName, MalformedScenarioCorpus.Oversized.Name);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => new ScenarioLoader().LoadFile(path);

        act.Should().Throw<ScenarioValidationException>().Which.Message.Should().Contain("larger than the 64 MiB");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024, "a 64 MiB file is refused before a byte of it is read");
    }

    [Fact]
    public void LoadBytes_TheValidTemplate_InEveryEncodingAndLineEndingYamlAllows_LoadsTheSame()
    {
        var expected = new ScenarioLoader().LoadBytes(MalformedScenarioCorpus.ValidVariants[0].Bytes, "corpus.yaml");

        foreach (var (name, bytes) in MalformedScenarioCorpus.ValidVariants)
        {
            var scenario = new ScenarioLoader().LoadBytes(bytes, "corpus.yaml");

            scenario.Jobs.Should().ContainSingle(name).Which.Id.Should().Be(expected.Jobs[0].Id);
            scenario.Jobs[0].Lifecycle.Select(s => s.Status).Should().Equal(expected.Jobs[0].Lifecycle.Select(s => s.Status), name);
            scenario.Name.Should().Be(expected.Name, name);
        }
    }

    [Fact]
    public void LoadPaths_TheWholeCorpusFolder_ReportsEveryFileAtOnce()
    {
        var corpus = MalformedScenarioCorpus.WriteTo(_folder.FullName);

        var act = () => new ScenarioLoader().LoadPaths([_folder.FullName]);

        var errors = act.Should().Throw<ScenarioValidationException>().Which.Errors;
        errors.Select(e => Path.GetFileName(e.Source)).Distinct().Should().BeEquivalentTo(corpus.Select(f => f.Name));
    }
}
