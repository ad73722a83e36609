using System.Buffers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 27, 10, 30, 0, 250, TimeSpan.Zero);

    [Fact]
    public void AWholeValueExpression_KeepsItsType_AndPlainValuesKeepTheirWrittenScale()
    {
        var json = Render("""
            id: "{{ job.id }}"
            pages: "{{ job.pages }}"
            result: "{{ job.result }}"
            finished: "{{ job.finished_at }}"
            created: "{{ job.created_at }}"
            total: 2497.60
            flags: [true, null, 'quoted', 7]
            """, new Job { Result = JsonFragment.Build(w => w.WriteRawValue("""{"a":[1,2.50]}""")) });

        json.Should().Be("""{"id":"job_1","pages":3,"result":{"a":[1,2.50]},"finished":null,"created":"2024-01-27T10:30:00Z","total":2497.60,"flags":[true,null,"quoted",7]}""");
    }

    [Fact]
    public void ExpressionsAmongText_AreWrittenIntoIt_NullAsNothing()
    {
        var json = Render("""
            get: "{{ request.base_url }}/v1/jobs/{{ job.id }}"
            message: "Job with ID '{{ job.missing }}' not found"
            """, new Job());

        json.Should().Be("""{"get":"http://127.0.0.1:5000/v1/jobs/job_1","message":"Job with ID '' not found"}""");
    }

    [Fact]
    public void Filters_AndOperators_ComputeTheValue()
    {
        var json = Render("""
            ms: "{{ job.created_at | iso8601_ms }}"
            unix: "{{ job.created_at | unix_seconds }}"
            text: "{{ job.pages | string }}"
            rounded: "{{ seconds_between(job.created_at, job.finished_at) | round(1) }}"
            fallback: "{{ job.missing ?? 'Document processing failed.' }}"
            same: "{{ job.status == 'completed' }}"
            chosen: "{{ job.status == 'failed' ? 'failedAt' : 'completedAt' }}"
            logic: "{{ not job.missing and (job.pages == 3 or false) }}"
            shout: "{{ job.status | upper }}"
            """, new Job { Finished = Created.AddSeconds(2.34) });

        json.Should().Be("""{"ms":"2024-01-27T10:30:00.250Z","unix":1706351400,"text":"3","rounded":2.3,"fallback":"Document processing failed.","same":true,"chosen":"completedAt","logic":true,"shout":"COMPLETED"}""");
    }

    [Theory]
    [InlineData("completed", """{"success":true,"result":{"a":1},"completedAt":"done"}""")]
    [InlineData("failed", """{"success":true,"error":{"message":"Document processing failed."},"failedAt":"done"}""")]
    [InlineData("running", """{"success":true}""")]
    public void IfAndSwitch_LeaveOutWhatDoesNotApply_KeyAndAll(string status, string expected)
    {
        var json = Render("""
            success: true
            result:
              $if: job.status == 'completed'
              $then: "{{ job.result }}"
            error:
              $if: "{{ job.status == 'failed' }}"
              $then:
                message: "{{ job.missing ?? 'Document processing failed.' }}"
            completedAt:
              $switch: job.status
              $cases:
                completed: done
            failedAt:
              $switch: job.status
              $cases: { failed: done }
            """, new Job { Status = status, Result = JsonFragment.Build(w => w.WriteRawValue("""{"a":1}""")) });

        json.Should().Be(expected);
    }

    [Fact]
    public void Else_Default_Each_AndNamedTemplates_Compose()
    {
        var json = Render("""
            items:
              $each: jobs
              $value: { $use: job }
            count: "{{ page.count }}"
            response:
              $switch: job.status
              $cases: { failed: { error: x } }
              $default: null
            verdict: { $if: job.missing, $then: yes, $else: no }
            raw: { $literal: { $if: "{{ not.a.template }}" } }
            """, new Job(), named: """
            job:
              id: "{{ job.id }}"
              status: "{{ job.status }}"
            """);

        json.Should().Be("""{"items":[{"id":"job_a","status":"queued"},{"id":"job_b","status":"failed"}],"count":2,"response":null,"verdict":"no","raw":{"$if":"{{ not.a.template }}"}}""");
    }

    [Theory]
    [InlineData("id: \"{{ job.idd }}\"", "1:9", "unknown name 'job.idd' in a test body; did you mean 'job.id'?")]
    [InlineData("id: \"{{ job.fields.colour }}\"", "1:9", "unknown name 'job.fields.colour' in a test body; the job fields are: pages")]
    [InlineData("a: \"x {{ job.id | iso }}\"", "1:19", "unknown filter 'iso'; expected one of: iso8601, iso8601_ms")]
    [InlineData("a: \"{{ job.id \"", "1:5", "an unclosed '{{': expected '}}'")]
    [InlineData("a: \"{{ seconds_between(job.id) }}\"", "1:8", "'seconds_between' takes 2 arguments; found 1")]
    [InlineData("a: \"{{ job.id( ) }}\"", "1:8", "'job.id' is a value, not a function")]
    [InlineData("a: \"{{ job.pages | round('x') }}\"", "1:20", "round(n) takes a whole number of decimal places")]
    [InlineData("a: \"{{ job.status = 'x' }}\"", "1:19", "compare with '=='")]
    [InlineData("a: \"{{ }}\"", "1:7", "an empty expression")]
    [InlineData("a: { $iff: x }", "1:6", "unknown directive '$iff'")]
    [InlineData("a: { $if: job.id, $then: 1, b: 2 }", "1:29", "a mapping with directives ($…) holds only directives; found the key 'b'")]
    [InlineData("a: { $if: job.id }", "1:4", "$if needs '$then'")]
    [InlineData("a: { $then: 1 }", "1:4", "$then needs $if beside it")]
    [InlineData("a: { $each: pages, $value: 1 }", "1:13", "unknown list 'pages' in a test body; expected one of: jobs")]
    [InlineData("a: { $use: nothing }", "1:12", "no template named 'nothing'; the templates are: loop, self")]
    [InlineData("a: { $use: loop }", "3:14", "the template 'self' uses itself (loop → self → self)")]
    public void ABrokenTemplate_IsRefused_AtItsLineAndColumn(string yaml, string at, string message)
    {
        var errors = Errors(yaml, named: """
            loop: { $use: self }
            self:
              a: { $use: self }
            """);

        errors.Should().ContainSingle().Which.Should().Match<ScenarioError>(e => e.Position.ToString() == at && e.Message.Contains(message),
            $"{string.Join("; ", errors)} should be one error at {at}");
    }

    private sealed class Job
    {
        public string Id { get; init; } = "job_1";

        public string Status { get; init; } = "completed";

        public JsonFragment? Result { get; init; }

        public DateTimeOffset? Finished { get; init; }

        public (string Id, string Status)? Item { get; set; }
    }

    private static readonly (string Id, string Status)[] Page = [("job_a", "queued"), ("job_b", "failed")];

    private static TemplateScope<Job> Scope() => new TemplateScope<Job> { What = "a test body" }
        .Name("job.id", j => TemplateValue.Text(j.Item?.Id ?? j.Id))
        .Name("job.status", j => TemplateValue.Text(j.Item?.Status ?? j.Status))
        .Name("job.pages", _ => TemplateValue.Number(3))
        .Name("job.result", j => TemplateValue.Json(j.Result))
        .Name("job.created_at", _ => TemplateValue.Time(Created))
        .Name("job.finished_at", j => TemplateValue.Time(j.Finished))
        .Name("job.missing", _ => TemplateValue.Null)
        .Name("request.base_url", _ => TemplateValue.Text("http://127.0.0.1:5000"))
        .Name("page.count", _ => TemplateValue.Number(Page.Length))
        .Family("job.fields.", name => name == "pages" ? _ => TemplateValue.Number(3) : null, "the job fields are: pages")
        .List("jobs", new(_ => Page.Length, (j, i) => j.Item = Page[i], j => j.Item = null))
        .WithCommonFunctions();

    private static string Render(string yaml, Job job, string named = "{}")
    {
        var reader = new NodeReader("test.yaml");
        var template = new TemplateCompiler<Job>(reader, Named(named)).Compile(Read(yaml), Scope());
        reader.Errors.Should().BeEmpty();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonFragment.Encoder }))
        {
            template!.Write(writer, job);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<ScenarioError> Errors(string yaml, string named)
    {
        var reader = new NodeReader("test.yaml");
        var template = new TemplateCompiler<Job>(reader, Named(named)).Compile(Read(yaml), Scope());
        template.Should().BeNull();
        return reader.Errors;
    }

    private static Dictionary<string, YamlNode> Named(string yaml) =>
        ((YamlMap)Read(yaml)).Entries.ToDictionary(e => e.Key.Value, e => e.Value);

    private static YamlNode Read(string yaml)
    {
        var errors = new List<ScenarioError>();
        var node = YamlDocumentReader.Read("test.yaml", yaml, errors);
        errors.Should().BeEmpty();
        return node!;
    }
}
