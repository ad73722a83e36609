using FluentAssertions;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Every kind of bad file is reported with file:line:column and what was expected.</summary>
public sealed class ScenarioValidationTests
{
    private static ScenarioValidationException Invalid(string yaml)
    {
        var act = () => new ScenarioLoader().LoadYaml(yaml, "bad.yaml");
        return act.Should().Throw<ScenarioValidationException>().Which;
    }

    [Theory]
    [InlineData("unknown key", "dialect: docurift\nlatencyy: 5ms\n", "bad.yaml:2:1: unknown key 'latencyy' in the scenario; expected one of: kind, version, name, description, dialect, seed, auth, jobs, submitted_jobs, webhooks, rate_limit, limits, latency, retention")]
    [InlineData("unknown job key", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    colour: red\n", "bad.yaml:4:5: unknown key 'colour' in job 1; expected one of: id, description, lifecycle, faults, latency, document_type, document_id")]
    [InlineData("wrong type", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, polls: two }\n      - { status: completed }\n", "bad.yaml:4:35: 'polls' must be a whole number; found 'two'")]
    [InlineData("unknown status", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: queueing, polls: 1 }\n      - { status: completed }\n", "bad.yaml:4:19: unknown status 'queueing' for dialect docurift; expected one of: pending, processing, completed, failed (or queued, running, completed, failed)")]
    [InlineData("non-terminal last step", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: processing, polls: 1 }\n", "bad.yaml:4:19: the last step must be terminal (completed or failed); found 'processing'")]
    [InlineData("terminal step in the middle", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: completed }\n      - { status: failed }\n", "bad.yaml:4:19: 'completed' is terminal, so it must be the last step; move it to the end or use a running status")]
    [InlineData("empty lifecycle", "dialect: docurift\njobs:\n  - lifecycle: []\n", "bad.yaml:3:16: the lifecycle of job 1 is empty; it needs at least a terminal step (completed or failed)")]
    [InlineData("bad duration", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, after: 3 seconds }\n      - { status: completed }\n", "bad.yaml:4:35: 'after' must be a duration such as 500ms, 3s, 2m, 1h or 30d; found '3 seconds'")]
    [InlineData("step that never ends", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending }\n      - { status: completed }\n", "bad.yaml:4:9: step 1 ('pending') never ends; give it 'polls: N' or 'after: <duration>' (for a job that stays stuck, use a long 'after' such as 3650d)")]
    [InlineData("unknown dialect", "dialect: acme\n", "bad.yaml:1:10: unknown dialect 'acme'; expected one of: symbl, deepaffects, waveline, aitronos, docurift, or one defined in a 'kind: dialect' file loaded with the scenarios")]
    [InlineData("missing dialect", "name: x\n", "bad.yaml:1:1: a scenario needs 'dialect'")]
    [InlineData("retry_after without 429", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults:\n      - { on: { poll: 1 }, respond: 500, retry_after: 2s }\n", "bad.yaml:5:55: 'retry_after' only goes with 'respond: 429' or 'respond: 503'; this fault responds 500")]
    [InlineData("respond is not an error", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults:\n      - { on: { poll: 1 }, respond: 200 }\n", "bad.yaml:5:37: 'respond' (an HTTP status: any 4xx or 5xx) must be between 400 and 599; found 200")]
    [InlineData("result on a failed step", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: failed, result: { a: 1 } }\n", "bad.yaml:4:35: 'result' belongs on the completed step; this step is failed")]
    [InlineData("duplicate key", "dialect: docurift\ndialect: symbl\n", "bad.yaml:2:1: duplicate key 'dialect' in this mapping")]
    [InlineData("progress out of range", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: processing, polls: 2, progress: [10, 140] }\n      - { status: completed }\n", "bad.yaml:4:56: 'progress' (a percentage 0-100, or a list of them, one per poll) must be between 0 and 100; found 140")]
    [InlineData("version", "version: 2\ndialect: docurift\n", "bad.yaml:1:10: 'version' 2 is not supported; this JobEmulator reads version 1")]
    [InlineData("not a mapping", "- just\n- a list\n", "bad.yaml:1:1: a scenario must be a mapping (key: value lines); found a list")]
    [InlineData("when names a field the submit lacks", "dialect: docurift\nsubmitted_jobs:\n  - when: { colour: red }\n    lifecycle: [{ status: completed }]\n", "bad.yaml:3:13: 'when' cannot match 'colour': a docurift submission has no such field; expected one of: nth, file_name, content_type, document_type, priority, language, extract_tables, webhook_url, webhook_secret, callback_metadata")]
    [InlineData("template after a catch-all", "dialect: docurift\nsubmitted_jobs:\n  - lifecycle: [{ status: completed }]\n  - when: { nth: 2 }\n    lifecycle: [{ status: completed }]\n", "bad.yaml:4:5: submitted job template 2 can never be used: template 1 before it has no 'when', so it takes every submission; move this one above it or give that one a 'when'")]
    [InlineData("when value the vendor refuses", "dialect: docurift\nsubmitted_jobs:\n  - when: { priority: urgent }\n    lifecycle: [{ status: completed }]\n", "bad.yaml:3:23: 'when.priority' can never match: DocuRift accepts only normal, high; found 'urgent'")]
    [InlineData("unknown network fault", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults:\n      - { on: { poll: 1 }, network: timeout }\n", "bad.yaml:5:37: 'network' must be one of: reset, empty, malformed, truncated, hang; found 'timeout'")]
    [InlineData("respond and network", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }]\n    faults:\n      - { on: { poll: 1 }, network: reset, respond: 500 }\n", "bad.yaml:5:53: a fault of job 1 has both 'respond' and 'network'; a fault either answers an HTTP status or fails the connection")]
    [InlineData("apps on a dialect without tokens", "dialect: docurift\nauth:\n  apps: [{ app_id: a, app_secret: b }]\n", "bad.yaml:3:9: 'auth.apps' needs a dialect that issues tokens; docurift takes its keys directly (use 'auth.keys')")]
    [InlineData("empty apps", "dialect: symbl\nauth:\n  apps: []\n", "bad.yaml:3:9: 'auth.apps' must list at least one app (leave it out to accept any)")]
    [InlineData("app without its secret", "dialect: symbl\nauth:\n  apps:\n    - { app_id: a }\n", "bad.yaml:4:7: an app in 'auth.apps' needs 'app_secret'")]
    [InlineData("template without lifecycle", "dialect: docurift\nsubmitted_jobs:\n  when: { nth: 1 }\n", "bad.yaml:3:3: submitted job template 1 needs 'lifecycle'")]
    [InlineData("status word list", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: \"running, completed\", polls: 1 }\n      - { status: completed }\n", "bad.yaml:4:19: unknown status 'running, completed' for dialect docurift; expected one of: pending, processing, completed, failed (or queued, running, completed, failed)")]
    [InlineData("huge duration", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, after: 100000000000000000000000000s }\n      - { status: completed }\n", "bad.yaml:4:35: 'after' is too long; found '100000000000000000000000000s'")]
    [InlineData("quoted number", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, polls: \"2\" }\n      - { status: completed }\n", "bad.yaml:4:35: 'polls' must be a whole number; found the quoted text '2'")]
    [InlineData("seed out of range", "dialect: docurift\nseed: 2147483648\n", "bad.yaml:2:7: 'seed' must be between -2147483648 and 2147483647; found 2147483648")]
    [InlineData("progress on completed", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed, progress: 40 }]\n", "bad.yaml:3:48: a completed job always shows progress 100; remove 'progress' from this step")]
    [InlineData("progress that never shows", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: processing, polls: 2, progress: [10, 20, 30] }\n      - { status: completed }\n", "bad.yaml:4:51: 'progress' lists 3 values but the step ends after 2 polls, so the last 1 would never show")]
    [InlineData("empty result", "dialect: docurift\njobs:\n  - lifecycle: [{ status: completed, result: ~ }]\n", "bad.yaml:3:46: 'result' is empty; leave it out to have one generated from the seed, or write the result")]
    [InlineData("unknown alias", "dialect: docurift\njobs:\n  - lifecycle: *steps\n", "bad.yaml:3:16: unknown alias '*steps'; define it first with '&steps'")]
    [InlineData("merge key", "dialect: docurift\njobs:\n  - <<: { id: a }\n    lifecycle: [{ status: completed }]\n", "bad.yaml:3:5: unknown key '<<' in job 1; expected one of: id, description, lifecycle, faults, latency, document_type, document_id (YAML merge keys are not supported; write the keys out)")]
    [InlineData("undocumented choice", "dialect: waveline\njobs:\n  - { type: bogus-type, lifecycle: [{ status: COMPLETED }] }\n", "bad.yaml:3:13: 'type' (the job type: extract-document or guess-shape) must be one of: extract-document, guess-shape; found 'bogus-type'")]
    [InlineData("out-of-range field", "dialect: aitronos\njobs:\n  - { confidence: 5, lifecycle: [{ status: completed }] }\n", "bad.yaml:3:19: 'confidence' (the confidence reported once completed) must be between 0 and 1; found 5")]
    [InlineData("dot id", "dialect: docurift\njobs:\n  - { id: \"..\", lifecycle: [{ status: completed }] }\n", "bad.yaml:3:11: job id '..' cannot travel in a URL path or query; avoid spaces, control characters, '.' or '..' alone, and / ? # % & + \\ \"")]
    [InlineData("query-breaking id", "dialect: docurift\njobs:\n  - { id: a&b, lifecycle: [{ status: completed }] }\n", "bad.yaml:3:11: job id 'a&b' cannot travel in a URL path or query; avoid spaces, control characters, '.' or '..' alone, and / ? # % & + \\ \"")]
    [InlineData("too long", "dialect: docurift\njobs:\n  - lifecycle:\n      - { status: pending, after: 146000000d }\n      - { status: completed }\n", "bad.yaml:4:35: 'after' is too long; found '146000000d'")]
    [InlineData("tab indentation", "dialect: docurift\njobs:\n\t- id: a1\n", "bad.yaml:3:1: invalid YAML: a tab is used for indentation; YAML indents with spaces only")]
    [InlineData("id unusable in a URL", "dialect: docurift\njobs:\n  - id: a/b\n    lifecycle: [{ status: completed }]\n", "bad.yaml:3:9: job id 'a/b' cannot travel in a URL path or query; avoid spaces, control characters, '.' or '..' alone, and / ? # % & + \\ \"")]
    public void LoadYaml_InvalidScenario_ReportsFileLineColumnAndExpectation(string kind, string yaml, string expected)
    {
        var error = Invalid(yaml);

        error.Errors.Select(e => e.ToString()).Should().Equal([expected], kind);
    }

    [Fact]
    public void LoadYaml_TemplatesAfterACatchAll_EachNameTheCatchAllThatHidesThem()
    {
        var error = Invalid("dialect: docurift\nsubmitted_jobs:\n  - lifecycle: [{ status: completed }]\n  - when: { nth: 2 }\n    lifecycle: [{ status: completed }]\n  - lifecycle: [{ status: failed }]\n");

        error.Errors.Select(e => e.ToString()).Should().Equal(
            "bad.yaml:4:5: submitted job template 2 can never be used: template 1 before it has no 'when', so it takes every submission; move this one above it or give that one a 'when'",
            "bad.yaml:6:5: submitted job template 3 can never be used: template 1 before it has no 'when', so it takes every submission; move this one above it or give that one a 'when'");
    }

    [Fact]
    public void LoadYaml_SyntaxError_ReportsWhereTheParserStopped()
    {
        var error = Invalid("dialect: docurift\njobs:\n  - lifecycle: [{ status: completed }\n");

        error.Errors.Should().ContainSingle();
        error.Errors[0].Source.Should().Be("bad.yaml");
        error.Errors[0].Position.Line.Should().BeGreaterThanOrEqualTo(3);
        error.Errors[0].Message.Should().StartWith("invalid YAML: ");
    }

    [Fact]
    public void LoadYaml_SeveralProblems_ReportsAllOfThemInOnePass()
    {
        var error = Invalid("""
            dialect: docurift
            seed: abc
            jobs:
              - lifecycle:
                  - { status: pending, after: soon }
                  - { status: processing, polls: 1 }
            """);

        error.Errors.Select(e => e.Position.ToString()).Should().Equal("2:7", "5:35", "6:19");
        error.Message.Should().Contain("3 errors").And.Contain("bad.yaml:2:7: 'seed' must be a whole number; found 'abc'");
    }

    [Fact]
    public void LoadYaml_AbsurdlyDeepNesting_IsRefusedWithAPosition()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));

        var error = Invalid("dialect: docurift\njobs:\n  - lifecycle:\n      - status: completed\n        result: " + deep + "\n");

        error.Errors.Single().Message.Should().Be("nesting deeper than 64 levels; a scenario never needs that much");
        error.Errors.Single().Position.Line.Should().Be(5);
    }

    [Fact]
    public void LoadYaml_AliasFanOutInAResult_IsRefusedNotExpanded()
    {
        var bomb = new System.Text.StringBuilder("dialect: docurift\njobs:\n  - lifecycle:\n      - status: completed\n        result:\n          l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"          l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n");
        }

        var error = Invalid(bomb.ToString());

        error.Errors.Single().Message.Should().StartWith("'result' is too large");
    }

    [Fact]
    public void LoadYaml_TwoFilesWithTheSameSeed_GenerateDifferentIds()
    {
        var loader = new ScenarioLoader();
        const string Yaml = "name: {0}\ndialect: docurift\nseed: 42\njobs: [{{ lifecycle: [{{ status: completed }}] }}]";

        var first = loader.LoadYaml(string.Format(System.Globalization.CultureInfo.InvariantCulture, Yaml, "a"), "a.yaml");
        var second = loader.LoadYaml(string.Format(System.Globalization.CultureInfo.InvariantCulture, Yaml, "b"), "b.yaml");

        first.Jobs[0].Id.Should().NotBe(second.Jobs[0].Id);
        ScenarioSet.Create([first, second]).Scenarios.Should().HaveCount(2);
    }

    [Fact]
    public void LoadYaml_EmptyFile_SaysWhatWasExpected()
    {
        Invalid("").Errors.Single().ToString().Should().Be("bad.yaml:1:1: the file is empty; expected a scenario mapping (version, name, dialect, jobs)");
    }

    [Fact]
    public void LoadPaths_SeveralFiles_ReportsDuplicateIdsBesideOtherErrorsInSourceOrder()
    {
        var folder = Directory.CreateTempSubdirectory("jobemu-load-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.yaml"), "dialect: docurift\njobs: [{ id: job_1, lifecycle: [{ status: completed }] }]\n");
            File.WriteAllText(Path.Combine(folder, "b.yaml"), "dialect: docurift\nseed: x\njobs: [{ id: job_2, lifecycle: [{ status: pending }] }]\n");
            File.WriteAllText(Path.Combine(folder, "c.yaml"), "dialect: docurift\njobs: [{ id: job_1, lifecycle: [{ status: completed }] }]\n");

            var act = () => new ScenarioLoader().LoadPaths([folder, Path.Combine(folder, "a.yaml")]);

            act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => $"{Path.GetFileName(e.Source)}:{e.Position}")
                .Should().Equal("b.yaml:2:7", "b.yaml:3:43", "c.yaml:2:8");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LoadPaths_FolderWithoutScenarios_IsAnError()
    {
        var folder = Directory.CreateTempSubdirectory("jobemu-empty-").FullName;
        try
        {
            var act = () => new ScenarioLoader().LoadPaths([folder]);

            act.Should().Throw<ScenarioValidationException>().Which.Errors.Single().Message.Should().Be("the folder holds no *.yaml or *.yml scenario files");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void LoadPaths_MissingFile_IsReportedByPath()
    {
        var act = () => new ScenarioLoader().LoadPaths(["does/not/exist.yaml"]);

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Single().ToString()
            .Should().Be("does/not/exist.yaml:1:1: no such file or folder");
    }

    [Fact]
    public void LoadYaml_ValidScenario_ReadsEveryWordOfTheVocabulary()
    {
        var scenario = new ScenarioLoader().LoadYaml("""
            version: 1
            name: vocabulary
            description: every word
            dialect: docurift
            seed: 42
            auth: { keys: [frc_test_key] }
            retention: 2d
            jobs:
              - id: job_abc123def456
                document_type: receipt
                lifecycle:
                  - { status: queued, polls: 2 }
                  - { status: running, after: 3s, progress: [10, 45, 80] }
                  - status: failed
                    error: { code: OCR_FAILED, message: unreadable, details: { retryable: true } }
                faults:
                  - { on: { poll: 3 }, respond: 429, retry_after: 2s }
            """);

        scenario.Name.Should().Be("vocabulary");
        scenario.Seed.Should().Be(42);
        scenario.Retention.Should().Be(TimeSpan.FromDays(2));
        scenario.Auth.Accepts("frc_test_key").Should().BeTrue();
        scenario.Auth.Accepts("other").Should().BeFalse();
        var job = scenario.Jobs.Single();
        job.Id.Should().Be("job_abc123def456");
        job.Lifecycle.Select(s => s.Status).Should().Equal(JobStatus.Queued, JobStatus.Running, JobStatus.Failed);
        job.Lifecycle[0].Polls.Should().Be(2);
        job.Lifecycle[1].After.Should().Be(TimeSpan.FromSeconds(3));
        job.Lifecycle[1].Progress.Should().Equal(10, 45, 80);
        job.Lifecycle[2].Error!.Code.Should().Be("OCR_FAILED");
        job.Lifecycle[2].Error!.Details!.ToString().Should().Be("""{"retryable":true,"step":"processing"}""", "DocuRift always reports the failed step");
        job.Faults.Single().Should().BeEquivalentTo(new { Trigger = new { Scope = FaultScope.Polls, Exact = 3 }, Respond = 429, RetryAfter = TimeSpan.FromSeconds(2) });
        job.Fields[0].ToString().Should().Be("\"receipt\"");
    }
}
