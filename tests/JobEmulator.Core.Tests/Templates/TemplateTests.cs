using System.Buffers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Json;
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
    [InlineData("a: \"{{ job.id job.status }}\"", "1:15", "unexpected 'job.status' after the expression; expected an operator (==, !=, ??, +, and, or, ?, |) or the end")]
    [InlineData("a: \"{{ job.id ornament }}\"", "1:15", "unexpected 'ornament' after the expression")]
    [InlineData("a: \"{{ job.id ? 'a' }}\"", "1:21", "a condition '? then' needs ': otherwise'; found the end")]
    [InlineData("a: \"{{ job.id | }}\"", "1:17", "a filter's name after '|'; found the end")]
    [InlineData("a: \"{{ job.id == }}\"", "1:18", "the expression ends too early; expected a name, a 'quoted text' or a number")]
    [InlineData("a: \"{{ - }}\"", "1:8", "unexpected '-'; expected a name such as job.id, a 'quoted text' or a number")]
    [InlineData("a: \"{{ (job.id }}\"", "1:16", "an unclosed '('; expected ')' and found the end")]
    [InlineData("a: \"{{ job. }}\"", "1:12", "a name after 'job.'; found ' '")]
    [InlineData("a: \"{{ seconds_between(job.id job.id) }}\"", "1:31", "expected ',' or ')' in the arguments; found 'j'")]
    [InlineData("a: \"{{ 'abc }}\"", "1:8", "an unclosed 'text': expected a closing '")]
    [InlineData("a: \"{{ 1.2.3 }}\"", "1:8", "'1.2.3' is not a number")]
    [InlineData("a: \"{{ seconds_between }}\"", "1:8", "'seconds_between' is a function: call it as seconds_between(from, to)")]
    [InlineData("a: \"{{ zzzzzz }}\"", "1:8", "unknown name 'zzzzzz' in a test body; names here: job.created_at")]
    [InlineData("a: \"{{ job.pages | round }}\"", "1:20", "the filter 'round' takes 1 argument; found 0: write it as | round(n)")]
    [InlineData("a: \"{{ job.pages | upper(1) }}\"", "1:20", "the filter 'upper' takes 0 arguments; found 1: write it as | upper")]
    [InlineData("a: x {{ job.idd }}", "1:9", "unknown name 'job.idd'")]
    [InlineData("a: |\n  one\n  {{ job.idd }}\n", "1:4", "unknown name 'job.idd'")]
    [InlineData("a: { $if: [1], $then: 1 }", "1:11", "$if must be an expression such as job.status == 'failed'; found a list")]
    [InlineData("a: { $if: \"{{ job.id\", $then: 1 }", "1:12", "unexpected '{'")]
    [InlineData("a: { $if: \"{{ job.idd }}\", $then: 1 }", "1:15", "unknown name 'job.idd'")]
    [InlineData("a: { $cases: {} }", "1:4", "$cases needs $switch beside it")]
    [InlineData("a: { $default: 1 }", "1:4", "$default needs $switch beside it")]
    [InlineData("a: { $if: \"{{}}\", $then: 1 }", "1:14", "an empty expression")]
    [InlineData("a: \"{{ -}}\"", "1:8", "unexpected '-'")]
    [InlineData("a: x{{ 'ab\\}}", "1:8", "an unclosed 'text'")]
    [InlineData("a: { $value: 1 }", "1:4", "$value needs $each beside it")]
    [InlineData("a: { $if: job.id, $then: 1, $cases: {} }", "1:29", "'$cases' does not go with $if; $if takes $then, $else")]
    [InlineData("a: { $literal: 1, $if: job.id }", "1:19", "'$if' does not go with $literal; $literal takes nothing else")]
    [InlineData("a: { $switch: job.id, $cases: [1] }", "1:31", "$cases must be a mapping")]
    [InlineData("id: \"{{ job.idd }}\"", "1:9", "unknown name 'job.idd' in a test body; did you mean 'job.id'?")]
    [InlineData("id: \"{{ job.fields.colour }}\"", "1:9", "unknown name 'job.fields.colour' in a test body; the job fields are: pages")]
    [InlineData("a: \"x {{ job.id | iso }}\"", "1:19", "unknown filter 'iso'; expected one of: iso8601, iso8601_ms")]
    [InlineData("a: \"{{ job.id \"", "1:5", "an unclosed '{{': expected '}}'")]
    [InlineData("a: \"{{ seconds_between(job.id) }}\"", "1:8", "'seconds_between' takes 2 arguments; found 1")]
    [InlineData("a: \"{{ job.id( ) }}\"", "1:8", "'job.id' is a value, not a function")]
    [InlineData("a: \"{{ job.pages | round('x') }}\"", "1:20", "round(n) takes a whole number of decimal places")]
    [InlineData("a: \"{{ job.status = 'x' }}\"", "1:19", "compare with '=='")]
    [InlineData("a: \"{{ }}\"", "1:7", "an empty expression")]
    [InlineData("a: { $iff: x }", "1:6", "unknown directive '$iff'; expected one of: $if, $then, $else, $switch, $cases, $default, $each, $value, $use, $literal (write a key that starts with '$' inside $literal)")]
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

    [Theory]
    [InlineData("{ $if: job.missing, $then: 1 }", "null")]
    [InlineData("[{ $if: job.missing, $then: 1 }, { $switch: job.status, $cases: { failed: 2 } }, 3, { $switch: job.status, $cases: { completed: 4 } }]", "[3,4]")]
    [InlineData("\"{{ job.pages + 1 }}\"", "4")]
    [InlineData("\"{{ job.pages + 'x' }}\"", "\"3x\"")]
    [InlineData("\"{{ -3 }}\"", "-3")]
    [InlineData("\"{{ job.created_at ? 1 : 2 }}\"", "1")]
    [InlineData("x{{ 'it\\'s' }}", "\"xit's\"")]
    [InlineData("\"x{{ true }}{{ false }}{{ null }}\"", "\"xtruefalse\"")]
    [InlineData("\"{{ '' ? 1 : 2 }}{{ 'a' ? 1 : 2 }}{{ 0 ? 1 : 2 }}{{ job.result ? 1 : 2 }}\"", "\"2121\"")]
    [InlineData("\"{{ job.status == null }}{{ null == job.missing }}{{ job.missing != null }}\"", "\"falsetruefalse\"")]
    public void Values_Compose_AsWritten(string yaml, string expected)
    {
        Render(yaml, new Job { Result = JsonFragment.Build(w => w.WriteRawValue("{}")) }).Should().Be(expected);
    }

    [Theory]
    [InlineData("null", "2", "")]
    [InlineData("false", "2", "false")]
    [InlineData("\"\"", "2", "")]
    [InlineData("0", "1", "0")]
    [InlineData("{\"a\":1}", "1", "{\"a\":1}")]
    public void AJsonValue_IsTrueUnlessNullFalseOrEmpty_AndReadsAsText(string json, string truthy, string text)
    {
        Render("[\"{{ job.result ? 1 : 2 }}\", \"{{ job.result }}x\"]", new Job { Result = JsonFragment.Build(w => w.WriteRawValue(json)) })
            .Should().Be($"[{truthy},\"{text.Replace("\"", "\\\"", StringComparison.Ordinal)}x\"]");
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public void LongText_IsComposedWhole(int length)
    {
        var long300 = new string('a', length);

        Render($"a: \"{long300}{{{{ job.id }}}}{long300}\"", new Job()).Should().Be($$"""{"a":"{{long300}}job_1{{long300}}"}""");
    }

    [Fact]
    public void ALiteralTooLarge_IsRefused()
    {
        var errors = Errors("a: { $literal: [" + string.Join(",", Enumerable.Repeat("0", 10_001)) + "] }", named: "{}");

        errors.Should().ContainSingle().Which.Message.Should().StartWith("a body is too large");
    }

    [Fact]
    public void AUseWithNoTemplatesInTheFile_SaysSo()
    {
        Errors("a: { $use: job }", named: "{}").Should().ContainSingle().Which.Message.Should().Be("no template named 'job': this file defines no templates (under 'templates:')");
    }

    [Fact]
    public void AScopeWithoutLists_SaysSo_AndListsAreNamedInOrder()
    {
        var reader = new NodeReader("test.yaml");
        new TemplateCompiler<Job>(reader, Named("{}")).Compile(Read("a: { $each: jobs, $value: 1 }"), new TemplateScope<Job> { What = "a plain body" });
        var scope = Scope().List("alpha", new(_ => 0, (_, _) => { }, _ => { }));
        new TemplateCompiler<Job>(reader, Named("{}")).Compile(Read("a: { $each: beta, $value: 1 }"), scope);

        new TemplateCompiler<Job>(reader, Named("{}")).Compile(Read("a: \"{{ x }}\""), new TemplateScope<Job> { What = "a plain body" });

        reader.Errors.Select(e => e.Message).Should().Equal(
            "a plain body has no list to walk with $each", "unknown list 'beta' in a test body; expected one of: alpha, jobs", "unknown name 'x' in a plain body; no names are available here");
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("job.id", "job.id", 0)]
    [InlineData("job.idd", "job.id", 1)]
    public void TheEditDistance_BehindSuggestions(string a, string b, int distance)
    {
        TemplateScope<Job>.Distance(a, b).Should().Be(distance);
        TemplateScope<Job>.Distance(b, a).Should().Be(distance);
    }

    [Theory]
    [InlineData("job.stat", "; did you mean 'job.status'?")]
    [InlineData("job.xyzzy", "")]
    [InlineData("jb.id", "; did you mean 'job.id'?")]
    [InlineData("page.cnt", "; did you mean 'page.count'?")]
    public void ASuggestion_IsMadeOnlyWhenCloseEnough(string name, string hint)
    {
        var errors = Errors($"a: \"{{{{ {name} }}}}\"", named: "{}");

        errors.Should().ContainSingle().Which.Message.Should().StartWith($"unknown name '{name}' in a test body{hint}; names here: job.created_at, job.fields.…, job.finished_at, job.id, job.missing, job.pages, job.result, job.status, page.count, request.base_url");
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
