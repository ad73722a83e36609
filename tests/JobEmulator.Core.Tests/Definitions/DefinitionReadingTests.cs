using FluentAssertions;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// A dialect definition file read as a user writes one: a small valid file loads, and each mistake in it is refused
/// with the file, line and column and a message that says what was expected.
/// </summary>
public sealed class DefinitionReadingTests
{
    private const string Valid = """
        kind: dialect
        version: 1
        name: acme
        vendor: Acme Jobs
        status_words: { queued: queued, running: running, completed: done, failed: failed }
        credentials: [bearer]
        job_id: { route: id, new: "job_{{ fake.text(8, 'abc') }}" }
        operations:
          - { method: GET, route: "/v1/jobs/{id}", kind: status }
          - { method: POST, route: /v1/jobs, kind: submit, body: json, success: 202 }
        submission:
          fields:
            document: { required: true, description: the document's URL }
        bodies:
          status: { id: "{{ job.id }}", status: "{{ job.status_word }}" }
        errors:
          body: { error: "{{ error.message }}" }
          kinds:
            default: { message: Something went wrong }
        """;

    [Fact]
    public void ASmallDefinition_Loads_AndAnswersInItsOwnShape()
    {
        var dialect = DialectDefinitions.Load(Valid, "acme.yaml");

        (dialect.Name, dialect.Vendor, dialect.StatusWords[JobStatus.Completed]).Should().Be(("acme", "Acme Jobs", "done"));
        dialect.Operations.Select(o => o.ToString()).Should().Equal("GET /v1/jobs/{id}", "POST /v1/jobs");
        dialect.GenerateJobId(new FakeData(1)).Should().MatchRegex("^job_[abc]{8}$");
        dialect.Webhooks.Should().BeNull();
        dialect.HasResult.Should().BeFalse();
    }

    [Fact]
    public void Names_Sizes_AndDefaultSummaries_AreReadAsWritten()
    {
        var yaml = Valid.Replace("name: acme", "name: acme-jobs_2", StringComparison.Ordinal).Replace("success: 202 }", "success: 202, max_body: 1048577 }", StringComparison.Ordinal);

        var dialect = DialectDefinitions.Load(yaml, "acme.yaml");

        dialect.Name.Should().Be("acme-jobs_2");
        dialect.Operations.Select(o => (o.Summary, o.MaxBodyBytes)).Should().Equal(("status", 1024L * 1024), ("submit", 1048577L));
    }

    [Fact]
    public void AFieldOrRouteNamedWrong_ListsEveryOneThatIs()
    {
        var yaml = Valid
            .Replace("kind: submit,", "kind: submit, summary: s }\n  - { method: POST, route: /v1/batches, kind: batch_submit,", StringComparison.Ordinal)
            .Replace("document: { required: true,", "other: {}\n    document: { job_field: b, only_for: [/v1/elsewhere], required: true,", StringComparison.Ordinal)
            .Replace("bodies:", "  rules: [{ any_of: [colour], message: x }]\njob_fields: { a: {}, c: {} }\nbodies:", StringComparison.Ordinal);

        var act = () => DialectDefinitions.Load(yaml, "acme.yaml");

        act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.Message).Should().BeEquivalentTo(
            "'job_field' names a job field; found 'b', expected one of: a, c",
            "'only_for' names the routes of submit operations; '/v1/elsewhere' is none of: /v1/jobs, /v1/batches",
            "a rule names submission fields; found 'colour', expected one of: other, document");
    }

    [Fact]
    public void AReadOperation_LooksUpByAJobField_AndAWrongLookupIsOneError()
    {
        const string Submit = "  - { method: POST, route: /v1/jobs, kind: submit, body: json, success: 202 }";
        var read = Valid.Replace(Submit, "  - { method: GET, route: \"/v1/things/{x}\", kind: read, lookup: { route: x, field: conversation } }", StringComparison.Ordinal);
        var broken = Valid.Replace(Submit, "  - { method: GET, route: /v1/things, kind: read, lookup: [x] }", StringComparison.Ordinal) + "\nreads: symbl_conversations\n";

        var withoutReads = () => DialectDefinitions.Load(read, "acme.yaml");
        var act = () => DialectDefinitions.Load(read + "\nreads: symbl_conversations\n", "acme.yaml");
        var actBroken = () => DialectDefinitions.Load(broken, "acme.yaml");

        withoutReads.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.Message).Should().Contain(
            "operations of kind 'read' need 'reads': the built-in that answers them (symbl_conversations)");
        act.Should().Throw<ScenarioValidationException>().Which.Errors.Select(e => e.Message).Should().Equal(
            "the read operation GET /v1/things/{x} looks its jobs up by 'conversation', which is not a job field; expected one of: ");
        actBroken.Should().Throw<ScenarioValidationException>().Which.Errors.Should().ContainSingle().Which.Message.Should().StartWith("'lookup' (route and field) must be a mapping");
    }

    [Fact]
    public void ASignature_WithoutAPrefix_SignsTheBodyAlone_AndNewIdsAndTokensLookAsDefined()
    {
        var yaml = Valid + """

            token: { lifetime: 1h, new: "t-{{ token.subject }}-{{ token.expires_at | unix_seconds }}" }
            webhooks:
              events: [{ type: done, to: completed }]
              endpoint_id: "ep_{{ fake.digits(4) }}"
              secret: "sk_{{ fake.digits(6) }}"
              body: { id: "{{ event.id }}" }
              signature: { scheme: hmac_sha256_base64, header: X-Sig, value: "v1={{ signature }}" }
            """;
        var dialect = DialectDefinitions.Load(yaml, "acme.yaml");
        var body = "{\"id\":\"e\"}"u8.ToArray();

        var headers = dialect.Webhooks!.Headers(default, body, "s3cret", DateTimeOffset.UnixEpoch);

        headers.Select(h => $"{h.Key}: {h.Value}").Should().Equal("X-Sig: v1=" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData("s3cret"u8, body)));
        dialect.Webhooks.NewEndpointId(new FakeData(3)).Should().MatchRegex("^ep_[0-9]{4}$");
        dialect.Webhooks.NewSecret(new FakeData(3)).Should().MatchRegex("^sk_[0-9]{6}$");
        dialect.Webhooks.NewEventId(new FakeData(3)).Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        dialect.GenerateToken(new FakeData(1), "app", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)).Should().Be("t-app-3600");
    }

    [Fact]
    public void AnUnknownBuiltIn_IsAnError()
    {
        var act = () => DialectDefinitions.Builtin("nope");

        act.Should().Throw<InvalidOperationException>().WithMessage("No built-in dialect definition 'nope' (JobEmulator.Core.Definitions.Builtin.nope.yaml) in JobEmulator.Core.");
    }

    [Theory]
    [InlineData("kind: dialect", "kind: scenario", "1:7", "'kind' of a dialect definition is 'dialect'; found 'scenario'")]
    [InlineData("version: 1", "version: 2", "2:10", "'version' 2 is not supported; this JobEmulator reads dialect version 1")]
    [InlineData("name: acme", "name: Acme Jobs!", "3:7", "'name' is what scenarios write in 'dialect:': lower-case letters, digits, '-' and '_', starting with a letter; found 'Acme Jobs!'")]
    [InlineData("vendor: Acme Jobs", "colour: red", "4:1", "unknown key 'colour' in a dialect definition; expected one of: kind, version, name")]
    [InlineData("completed: done, failed: failed }", "completed: done }", "5:15", "'status_words' needs 'failed'")]
    [InlineData("credentials: [bearer]", "credentials: [cookie]", "6:15", "each of 'credentials' is bearer, authorization (a bare key in Authorization), header: <name> or query: <name>; found 'cookie'")]
    [InlineData("job_id: { route: id,", "job_id: { route: id, query: id,", "7:9", "'job_id' names where a request carries the id: either 'route' (a route value) or 'query' (a query parameter)")]
    [InlineData("fake.text(8, 'abc')", "fake.txt(8, 'abc')", "7:35", "unknown function 'fake.txt' in an id's format; did you mean 'fake.text'?")]
    [InlineData("method: GET,", "method: FETCH,", "9:15", "'method' is one of GET, POST, PUT, PATCH, DELETE; found 'FETCH'")]
    [InlineData("kind: status }", "kind: poll }", "9:50", "unknown operation kind 'poll'; expected one of: status, submit, batch_submit, list, token")]
    [InlineData("route: \"/v1/jobs/{id}\"", "route: \"v1/jobs/{id}\"", "9:27", "'route' starts with '/'; found 'v1/jobs/{id}'")]
    [InlineData("route: \"/v1/jobs/{id}\"", "route: \"/v1/jobs/x{id}\"", "9:27", "'route' holds route values as whole segments: /v1/jobs/{id}; found '/v1/jobs/x{id}'")]
    [InlineData("kind: status }", "kind: list }", "9:3", "'operations' has no operation of kind 'status': a job API is polled for its jobs' status")]
    [InlineData("kind: status }", "kind: read }", "9:5", "an operation of kind 'read' needs 'lookup'")]
    [InlineData("route: /v1/jobs,", "route: /v1//jobs,", "10:28", "'route' is a path without '//', '?' or '#'; found '/v1//jobs'")]
    [InlineData("body: json,", "body: json, max_body: 0,", "10:74", "'max_body' is a size from 1 B to 4 GiB")]
    [InlineData("body: json,", "body: json, max_body: 5000000000,", "10:74", "'max_body' is a size from 1 B to 4 GiB")]
    [InlineData("operations:\n  - { method: GET, route: \"/v1/jobs/{id}\", kind: status }\n  - { method: POST, route: /v1/jobs, kind: submit, body: json, success: 202 }", "operations: []", "8:13", "'operations' lists no operation; a dialect serves at least a status operation")]
    [InlineData("kind: status }", "kind: read, lookup: { route: job, field: x } }", "9:73", "'lookup.route' names a value of the operation's route (/v1/jobs/{id}); found 'job'")]
    [InlineData("kind: status }", "kind: status }\n  - { method: GET, route: \"/V1/jobs/{id}\", kind: status }", "10:5", "GET /V1/jobs/{id} is declared twice in this file")]
    [InlineData("credentials: [bearer]", "credentials: [{ header: \"\" }]", "6:25", "the header name in 'credentials' must be non-empty text; found the quoted text ''")]
    [InlineData("body: json,", "body: json, values: { media: [audio] },", "10:81", "each of 'values' is text; found a list for 'media'")]
    [InlineData("document: { required: true,", "document: { source: body,", "13:25", "'source' is one of field, file_name, file_content_type, query, route, operation; found 'body'")]
    [InlineData("document: { required: true,", "document: { role: callback,", "13:23", "'role' is one of plain, webhook_url, webhook_secret, webhook_header_name, webhook_header_value, webhook_method, callback_metadata, job_id, synchronous; found 'callback'")]
    [InlineData("document: { required: true,", "document: { only_for: [/v1/other],", "13:27", "'only_for' names the routes of submit operations; '/v1/other' is none of: /v1/jobs")]
    [InlineData("document: { required: true,", "document: { refused_with: 500,", "13:31", "'refused_with' must be between 400 and 499; found 500")]
    [InlineData("bodies:", "  rules: [{ any_of: [document, colour], message: x }]\nbodies:", "14:32", "a rule names submission fields; found 'colour', expected one of: document")]
    [InlineData("bodies:", "  rules: [{ any_of: [document] }]\nbodies:", "14:11", "an any_of rule needs 'message'")]
    [InlineData("bodies:", "  rules: [{ json_object: document, not_json: x }]\nbodies:", "14:11", "a json_object rule needs 'not_object'")]
    [InlineData("bodies:", "  rules: [{ one_of: [document] }]\nbodies:", "14:11", "a rule is any_of (one of these fields is required), not_with (at most one of these), required with when")]
    [InlineData("default: { message:", "default: { code: 1 }\n    forbidden, default: { message:", "20:5", "the error kind 'default' is given twice in 'errors.kinds'")]
    [InlineData("default: { message:", "forbidden: { code: 1 }\n    forbidden, default: { message:", "20:5", "the error kind 'forbidden' is given twice in 'errors.kinds'")]
    [InlineData("body: json,", "body: xml,", "10:58", "'body' is one of none, json, multipart, raw; found 'xml'")]
    [InlineData("success: 202 }", "success: 302 }", "10:73", "'success' must be between 200 and 299; found 302")]
    [InlineData("body: json,", "body: json, max_body: 25 MB,", "10:74", "'max_body' is a size from 1 B to 4 GiB such as 25 MiB, 512 KiB or 1048576; found '25 MB'")]
    [InlineData("document: { required: true,", "document: { required: true, job_field: colour,", "13:44", "'job_field' names a job field, and this file has none (under 'job_fields:'); found 'colour'")]
    [InlineData("document: { required: true,", "document: { required: true, pattern: '(',", "13:42", "'pattern' is a regular expression; '(' is not one:")]
    [InlineData("\"{{ job.id }}\"", "\"{{ job.idd }}\"", "15:21", "unknown name 'job.idd' in a job's body; did you mean 'job.id'?")]
    [InlineData("\"{{ job.id }}\"", "\"{{ error.message }}\"", "15:21", "unknown name 'error.message' in a job's body; did you mean 'job.error.message'?")]
    [InlineData("\"{{ error.message }}\"", "\"{{ error.mesage }}\"", "17:22", "unknown name 'error.mesage' in the error body; the values 'errors.kinds' gives are: message")]
    [InlineData("default: { message: Something went wrong }", "default: { message: [Something] }", "19:25", "'message' of 'default' must be one value (text, a number, or {{ an expression }}); found a list")]
    [InlineData("default: { message:", "oops: { message:", "19:5", "unknown error kind 'oops'; expected default or one of: missing_credentials, invalid_credentials")]
    [InlineData("status: { id:", "status: { $use: job, id:", "15:24", "a mapping with directives ($…) holds only directives; found the key 'id' (put the object under $then or $value)")]
    [InlineData("status: { id:", "list: { id:", "15:3", "'bodies' needs 'status'")]
    public void AMistake_IsRefused_AtItsLineAndColumn(string replace, string with, string at, string message)
    {
        Valid.Should().Contain(replace);
        var act = () => DialectDefinitions.Load(Valid.Replace(replace, with, StringComparison.Ordinal), "acme.yaml");

        var errors = act.Should().Throw<ScenarioValidationException>().Which.Errors;
        errors.Should().Contain(e => e.Message.StartsWith(message, StringComparison.Ordinal) && e.Position.ToString() == at && e.Source == "acme.yaml",
            $"one of the errors should be at {at}: {message}; they were: {string.Join(" | ", errors)}");
    }

    [Theory]
    [InlineData("templates:\n  unused: { a: 1 }\n", "21:3", "the template 'unused' is not used by any body; use it with { $use: unused } or remove it")]
    [InlineData("result: { id: \"{{ job.id }}\" }\n", "20:19", "unknown name 'job.id' in the result")]
    [InlineData("operations2: []\n", "20:1", "unknown key 'operations2' in a dialect definition")]
    [InlineData("webhooks:\n  events: [{ type: done, to: finished }]\n  body: { id: \"{{ event.id }}\" }\n", "21:30", "'to' names statuses: queued, running, completed or failed (one, or a list); found 'finished'")]
    [InlineData("webhooks:\n  events: [{ type: done }]\n  body: {}\n  signature: { scheme: md5, header: X-Sig }\n", "23:24", "unknown signing scheme 'md5'; expected one of: hmac_sha256_hex, hmac_sha256_base64")]
    [InlineData("reads: conversations\n", "20:8", "unknown built-in 'conversations' for 'reads'; expected one of: symbl_conversations")]
    [InlineData("response_headers: { \"x request\": a }\n", "20:21", "a header's name is letters, digits, '-' and '_'; found 'x request'")]
    [InlineData("response_headers: { x-id: \"{{ rate.limits }}\" }\n", "20:31", "unknown name 'rate.limits' in a response header; did you mean 'rate.limit'?")]
    [InlineData("announced_rate_limit: 0\n", "20:23", "'announced_rate_limit' (requests a minute) must be between 1 and 1000000; found 0")]
    [InlineData("retention: forever\n", "20:12", "'retention' must be")]
    [InlineData("path_prefixes: [v1]\n", "20:17", "each of 'path_prefixes' starts with '/'; found 'v1'")]
    [InlineData("job_fields: { colour: { kind: colour } }\n", "20:31", "a job field's 'kind' is one of text, whole_number, number, mapping; found 'colour'")]
    [InlineData("job_fields: { colour: red }\n", "20:23", "the job field 'colour' must be a mapping")]
    [InlineData("job_fields: { colour: { default: \"{{ fake.colour }}\" } }\n", "20:38", "unknown name 'fake.colour' in a job field's default")]
    [InlineData("job_fields: { colour: { minimum: low } }\n", "20:34", "'minimum' must be a number; found 'low'")]
    [InlineData("token: { lifetime: forever }\n", "20:20", "'token.lifetime' must be")]
    [InlineData("token: { new: \"{{ jwt_hs256() }}\" }\n", "20:19", "'jwt_hs256' takes 1 argument; found 0")]
    [InlineData("webhooks: { body: {} }\n", "20:11", "'webhooks' needs 'events'")]
    [InlineData("webhooks: { events: [{ to: failed }], body: {} }\n", "20:22", "an event needs 'type'")]
    [InlineData("webhooks: { events: [{ type: x }], body: {}, signature: { scheme: hmac_sha256_hex } }\n", "20:57", "'webhooks.signature' needs 'header'")]
    [InlineData("webhooks: { events: [{ type: x }], body: { id: \"{{ error.id }}\" } }\n", "20:52", "unknown name 'error.id' in a webhook event")]
    [InlineData("webhooks: { events: [{ type: x }], body: {}, headers: { X-At: \"{{ sent_at | unix }}\" } }\n", "20:77", "unknown filter 'unix'")]
    [InlineData("webhooks: { events: [{ type: x }], body: {}, endpoint: { id: \"{{ endpoint.ident }}\" } }\n", "20:66", "unknown name 'endpoint.ident' in a webhook endpoint's body; did you mean 'endpoint.id'?")]
    [InlineData("batch_id: [a]\n", "20:11", "'batch_id' must be text, with {{ expressions }} in it where it varies; found a list")]
    [InlineData("batch_id: \"b_{{ fake.pick() }}\"\n", "20:17", "'fake.pick' takes 1 to 64 arguments; found 0")]
    [InlineData("webhooks: { events: [{ type: x }], body: {}, secret: true }\n", "20:54", "'webhooks.secret' must be text")]
    [InlineData("batch_id: false\n", "20:11", "'batch_id' must be text, with {{ expressions }} in it where it varies; found 'false'")]
    [InlineData("description: [x]\n", "20:14", "'description' must be non-empty text")]
    [InlineData("result: { a: \"{{ job.fields.x }}\" }\n", "20:18", "unknown name 'job.fields.x' in the result; this dialect has no job fields (under 'job_fields:')")]
    [InlineData("job_fields: { a: {} }\nresult: { a: \"{{ job.fields.b }}\" }\n", "21:18", "unknown name 'job.fields.b' in the result; the job fields are: a")]
    [InlineData("job_fields: { a: {} }\nwebhooks: { events: [{ type: x }], body: { a: \"{{ job.fields.b }}\" } }\n", "21:51", "unknown name 'job.fields.b' in a webhook event; the job fields are: a")]
    [InlineData("webhooks: { events: [{ type: x }], body: {}, signature: { scheme: hmac_sha256_hex, header: X, value: [a] } }\n", "20:102", "'signature.value' must be text")]
    [InlineData("reads: symbl_conversations\n", "20:1", "")]
    public void AMistakeInAnOptionalSection_IsRefused_AtItsLineAndColumn(string appended, string at, string message)
    {
        var yaml = Valid + "\n" + appended;
        if (message.Length == 0)
        {
            DialectDefinitions.Load(yaml, "acme.yaml").Should().NotBeNull("'reads' without read operations is allowed");
            return;
        }

        var act = () => DialectDefinitions.Load(yaml, "acme.yaml");

        var errors = act.Should().Throw<ScenarioValidationException>().Which.Errors;
        errors.Should().Contain(e => e.Message.StartsWith(message, StringComparison.Ordinal) && e.Position.ToString() == at,
            $"one of the errors should be at {at}: {message}; they were: {string.Join(" | ", errors)}");
    }
}
