using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Clocks;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Tests.Shared;
using Microsoft.Extensions.Logging;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// The generated corpus of broken files (<see cref="MalformedScenarioCorpus"/>) through the two ways a running server
/// takes scenarios: <c>POST /__admin/scenarios</c> and <c>serve --watch</c>. Each file is refused at its broken spot,
/// nothing already loaded changes, and the server stays healthy.
/// </summary>
public sealed class MalformedCorpusServerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobemu-corpus-server-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Template => Encoding(MalformedScenarioCorpus.ValidVariants[0].Bytes);

    private static string Encoding(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task PostAdminScenarios_EveryCorpusFile_Is400AtItsBrokenSpot_AndNothingChanges()
    {
        await using var app = JobEmulatorApp.Build(new JobEmulatorServerOptions
        {
            Port = 0,
            TimeProvider = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = JobEmulatorApp.BaseAddress(app) };
        var before = await http.GetStringAsync("__admin/scenarios", TestContext.Current.CancellationToken);
        var wrong = new List<string>();

        foreach (var file in MalformedScenarioCorpus.All)
        {
            using var body = new ByteArrayContent(file.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
            using var answer = await http.PostAsync(new Uri("__admin/scenarios?name=" + file.Name, UriKind.Relative), body, TestContext.Current.CancellationToken);
            var text = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (file.Bytes.Length > AdminEndpoints.MaxBodyBytes)
            {
                if (answer.StatusCode != HttpStatusCode.RequestEntityTooLarge)
                {
                    wrong.Add($"{file.Name}: {(int)answer.StatusCode} for a body over the limit");
                }
            }
            else if (answer.StatusCode != HttpStatusCode.BadRequest)
            {
                wrong.Add($"{file.Name}: {(int)answer.StatusCode} {text}");
            }
            else if (CorpusCheck.Mismatch(file, file.Name, Errors(text)) is { } mismatch)
            {
                wrong.Add(mismatch);
            }
        }

        string.Join(Environment.NewLine, wrong).Should().BeEmpty();
        (await http.GetStringAsync("__admin/scenarios", TestContext.Current.CancellationToken)).Should().Be(before, "nothing was loaded");
        (await http.GetAsync(new Uri("__admin/health", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostAdminDialects_EveryDialectCorpusFile_Is400AtItsBrokenSpot_AndNothingChanges()
    {
        await using var app = JobEmulatorApp.Build(new JobEmulatorServerOptions
        {
            Port = 0,
            TimeProvider = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = JobEmulatorApp.BaseAddress(app) };
        var before = await http.GetStringAsync("__admin/dialects", TestContext.Current.CancellationToken);
        var wrong = new List<string>();

        foreach (var file in MalformedDialectCorpus.All)
        {
            using var body = new ByteArrayContent(file.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
            using var answer = await http.PostAsync(new Uri("__admin/dialects?name=" + file.Name, UriKind.Relative), body, TestContext.Current.CancellationToken);
            var text = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (answer.StatusCode != HttpStatusCode.BadRequest)
            {
                wrong.Add($"{file.Name}: {(int)answer.StatusCode} {text}");
            }
            else if (CorpusCheck.Mismatch(file, file.Name, Errors(text)) is { } mismatch)
            {
                wrong.Add(mismatch);
            }
        }

        string.Join(Environment.NewLine, wrong).Should().BeEmpty();
        (await http.GetStringAsync("__admin/dialects", TestContext.Current.CancellationToken)).Should().Be(before, "nothing was loaded");
        (await http.GetAsync(new Uri("__admin/health", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Watch_EveryCorpusFileWrittenOverAGoodOne_FailsAtItsBrokenSpot_AndTheLastGoodVersionKeepsServing()
    {
        var path = Path.Combine(_folder, "watched.yaml");
        File.WriteAllText(path, Template);
        using var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var engine = new JobEmulatorEngine(new ScenarioLoader().LoadPaths([_folder]), new ManualClock(DateTimeOffset.UnixEpoch));
        using var watcher = new ScenarioWatcher(engine, [_folder], factory.CreateLogger("watch"));
        var docurift = engine.Dialects.Find("docurift")!;
        var wrong = new List<string>();

        foreach (var file in MalformedScenarioCorpus.All.Append(MalformedScenarioCorpus.Oversized))
        {
            WriteOver(path, file);
            logs.Lines.Clear();

            var report = watcher.ReloadNow();

            var logged = string.Join('\n', logs.Lines);
            if (report.Failed.SingleOrDefault() != path || report.Reloaded.Count > 0)
            {
                wrong.Add($"{file.Name}: reloaded {report.Reloaded.Count}, failed {report.Failed.Count}");
            }
            else if (file.Line > 0 && !logged.Contains($"{path}:{file.Line}:{file.Column}: ", StringComparison.Ordinal))
            {
                wrong.Add($"{file.Name}: the log does not point at {file.Line}:{file.Column}: {logged[..Math.Min(logged.Length, 300)]}");
            }
            else if (engine.FindJob(docurift, "job_corpus") is null)
            {
                wrong.Add($"{file.Name}: the last good version stopped serving");
            }
        }

        string.Join(Environment.NewLine, wrong).Should().BeEmpty();
        File.WriteAllText(path, Template.Replace("job_corpus", "job_corpus_fixed", StringComparison.Ordinal));
        watcher.ReloadNow().Reloaded.Should().ContainSingle("a fixed file loads again");
        engine.FindJob(docurift, "job_corpus_fixed").Should().NotBeNull();
    }

    private static void WriteOver(string path, MalformedScenario file)
    {
        if (file == MalformedScenarioCorpus.Oversized)
        {
            using var stream = new FileStream(path, FileMode.Create);
            stream.SetLength(MalformedScenarioCorpus.OversizedBytes);
            return;
        }

        File.WriteAllBytes(path, file.Bytes);
    }

    private static List<ScenarioError> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("errors").EnumerateArray().Select(e => new ScenarioError(
            e.GetProperty("source").GetString()!,
            new SourcePosition(e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32()),
            e.GetProperty("message").GetString()!))];
    }
}
