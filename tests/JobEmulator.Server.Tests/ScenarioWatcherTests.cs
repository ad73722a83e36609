using FluentAssertions;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>serve --watch: changed, added and removed files, a broken file keeping its last good version.</summary>
public sealed class ScenarioWatcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-watch").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Job(string id) => $"version: 1\ndialect: docurift\njobs:\n  - id: {id}\n    lifecycle: [{{ status: completed }}]\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AChangedFile_ReplacesOnlyItsOwnJobs_AndABrokenOneKeepsServing()
    {
        Write("a.yaml", Job("job_aaaaaaaaaaa1"));
        Write("b.yaml", "version: 1\ndialect: docurift\njobs:\n  - id: job_bbbbbbbbbbb1\n    lifecycle: [{ status: pending, polls: 5 }, { status: completed }]\n");
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([_folder]), _clock);
        using var watcher = new ScenarioWatcher(engine, [_folder], NullLogger.Instance);
        var docurift = engine.Dialects.Find("docurift")!;
        var b = engine.FindJob(docurift, "job_bbbbbbbbbbb1")!;
        engine.Poll(b, _clock.GetUtcNow());

        Write("a.yaml", Job("job_aaaaaaaaaaa2"));
        var changed = watcher.ReloadNow();
        Write("a.yaml", "version: 1\ndialect: docurift\njobs:\n  - id: job_aaaaaaaaaaa3\n    lifecycle: [{ status: pendin }]\n");
        var broken = watcher.ReloadNow();
        Write("c.yaml", Job("job_ccccccccccc1"));
        File.Delete(Path.Combine(_folder, "b.yaml"));
        var addedAndRemoved = watcher.ReloadNow();

        changed.Reloaded.Should().ContainSingle().Which.Should().EndWith("a.yaml");
        engine.FindJob(docurift, "job_aaaaaaaaaaa1").Should().BeNull();
        broken.Failed.Should().ContainSingle();
        engine.FindJob(docurift, "job_aaaaaaaaaaa2").Should().NotBeNull("the last good version keeps serving");
        b.Requests.Should().Be(1, "b.yaml did not change, so its job kept running until b.yaml went");
        addedAndRemoved.Removed.Should().ContainSingle().Which.Should().EndWith("b.yaml");
        engine.FindJob(docurift, "job_bbbbbbbbbbb1").Should().BeNull();
        engine.FindJob(docurift, "job_ccccccccccc1").Should().NotBeNull();

        engine.Reset();
        engine.Scenarios.Scenarios.Select(s => Path.GetFileName(s.Source)).Should().BeEquivalentTo(["a.yaml", "c.yaml"], "a reset returns to the files as they now are");
    }

    [Fact]
    public async Task AFileWrittenOnDisk_IsReloadedByItself()
    {
        Write("a.yaml", Job("job_aaaaaaaaaaa1"));
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([_folder]), _clock);
        using var watcher = new ScenarioWatcher(engine, [_folder], NullLogger.Instance);
        var reloaded = new TaskCompletionSource<ReloadReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Reloaded += report =>
        {
            if (report.Reloaded.Count > 0)
            {
                reloaded.TrySetResult(report);
            }
        };

        Write("a.yaml", Job("job_aaaaaaaaaaa2"));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        engine.FindJob(engine.Dialects.Find("docurift")!, "job_aaaaaaaaaaa2").Should().NotBeNull();
    }

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

    [Fact]
    public void AChangedDefinition_ReplacesItsDialect_AndItsScenariosAreReadAgainstIt_AndARemovedOneUnloadsIt()
    {
        Write("acme.yaml", Acme);
        Write("jobs.yaml", "dialect: acme\njobs:\n  - id: job_one\n    lifecycle: [{ status: done }]\n");
        Write("other.yaml", Job("job_aaaaaaaaaaa1"));
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([_folder]), _clock);
        using var watcher = new ScenarioWatcher(engine, [_folder], NullLogger.Instance);
        var other = engine.FindJob(engine.Dialects.Find("docurift")!, "job_aaaaaaaaaaa1")!;
        var before = engine.Dialects.Find("acme")!;

        Write("acme.yaml", Acme.Replace("failed: failed", "failed: error", StringComparison.Ordinal));
        var changed = watcher.ReloadNow();

        changed.Failed.Should().BeEmpty();
        changed.Reloaded.Select(Path.GetFileName).Should().Equal("acme.yaml", "jobs.yaml");
        var after = engine.Dialects.Find("acme")!;
        after.Should().NotBeSameAs(before);
        after.StatusWords[JobStatus.Failed].Should().Be("error");
        engine.FindJob(after, "job_one")!.Scenario.Dialect.Should().BeSameAs(after, "the scenario was read again against the new definition");
        engine.FindJob(engine.Dialects.Find("docurift")!, "job_aaaaaaaaaaa1").Should().BeSameAs(other, "other files' jobs keep running");

        Write("acme.yaml", "kind: dialect\nname: acme\n");
        var broken = watcher.ReloadNow();
        broken.Failed.Select(Path.GetFileName).Should().Equal("acme.yaml");
        engine.Dialects.Find("acme").Should().BeSameAs(after, "a broken definition keeps the last good one serving");

        Write("acme.yaml", Acme.Replace("completed: done", "completed: finished", StringComparison.Ordinal));
        var breaking = watcher.ReloadNow();
        breaking.Failed.Select(Path.GetFileName).Should().Equal("acme.yaml");
        engine.Dialects.Find("acme").Should().BeSameAs(after, "a definition its scenarios cannot speak (jobs.yaml says 'done') is refused whole");
        engine.FindJob(after, "job_one").Should().NotBeNull("and its scenario keeps serving");

        File.Delete(Path.Combine(_folder, "acme.yaml"));
        var removed = watcher.ReloadNow();
        removed.Removed.Select(Path.GetFileName).Should().Contain("acme.yaml");
        engine.Dialects.Find("acme").Should().BeNull();
        engine.Scenarios.Scenarios.Should().NotContain(s => s.Dialect.Name == "acme", "its scenario went with it");
    }
}
