using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using JobEmulator.Core.Definitions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Tests.Support;
using Xunit;

namespace JobEmulator.Core.Tests.Definitions;

/// <summary>
/// The port of a C# dialect to its definition file, proven byte for byte: every member the engine calls answers the
/// same for both, over every status, error kind, seed and request shape below. Kept until the C# class is removed;
/// the golden snapshots and contract tests hold the bodies after that.
/// </summary>
public sealed class DefinitionEquivalenceTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 27, 10, 30, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Ported() => ["waveline", "docurift", "aitronos", "deepaffects", "symbl"];

    [Theory]
    [MemberData(nameof(Ported))]
    public void TheDefinition_DescribesTheSameApi(string name)
    {
        var (csharp, defined) = Both(name);

        (defined.Name, defined.Vendor, defined.HasResult, defined.DefaultRetention, defined.TokenLifetime).Should().Be((csharp.Name, csharp.Vendor, csharp.HasResult, csharp.DefaultRetention, csharp.TokenLifetime));
        Enum.GetValues<JobStatus>().Select(s => defined.StatusWords[s]).Should().Equal(Enum.GetValues<JobStatus>().Select(s => csharp.StatusWords[s]));
        defined.PathPrefixes.Should().Equal(csharp.PathPrefixes);
        Describe(defined.Operations).Should().Equal(Describe(csharp.Operations));
        defined.JobFields.Select(f => $"{f.Key}|{f.Kind}|{f.Description}|{f.Minimum}|{f.Maximum}|{Join(f.Choices)}|{string.Join(",", f.Keys)}")
            .Should().Equal(csharp.JobFields.Select(f => $"{f.Key}|{f.Kind}|{f.Description}|{f.Minimum}|{f.Maximum}|{Join(f.Choices)}|{string.Join(",", f.Keys)}"));
        defined.SubmissionFields.Select(Describe).Should().Equal(csharp.SubmissionFields.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void EveryDraw_IsTheSame_SeedForSeed(string name)
    {
        var (csharp, defined) = Both(name);
        for (var seed = 0; seed < 200; seed++)
        {
            defined.GenerateJobId(new FakeData(seed)).Should().Be(csharp.GenerateJobId(new FakeData(seed)));
            defined.GenerateBatchId(new FakeData(seed)).Should().Be(csharp.GenerateBatchId(new FakeData(seed)));
            var fields = csharp.JobFields.Select(f => f.Generate(new FakeData(seed))).ToList();
            defined.JobFields.Select(f => Text(f.Generate(new FakeData(seed)))).Should().Equal(fields.Select(Text), $"seed {seed}");
            Text(defined.GenerateResult(new FakeData(seed), fields)).Should().Be(Text(csharp.GenerateResult(new FakeData(seed), fields)), $"seed {seed}");
            defined.GenerateToken(new FakeData(seed), "app-" + seed, Created, Created.AddDays(1)).Should().Be(csharp.GenerateToken(new FakeData(seed), "app-" + seed, Created, Created.AddDays(1)));
        }
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void EveryJobBody_IsTheSame(string name)
    {
        var (csharp, defined) = Both(name);
        var request = new FakeRequest { BaseUrl = "http://127.0.0.1:5000" };
        foreach (var job in Jobs(csharp))
        {
            var expected = Write(w => csharp.WriteJob(w, job, request));
            Write(w => defined.WriteJob(w, job, request)).Should().Be(expected, $"{job.Status} {job.Progress}");
            Write(w => defined.WriteSubmitted(w, job, request)).Should().Be(Write(w => csharp.WriteSubmitted(w, job, request)));
        }

        var all = Jobs(csharp).ToList();
        foreach (var (offset, count) in new[] { (0, 10), (3, 2), (0, 0), (20, 100) })
        {
            var page = all.Skip(offset).Take(count).ToList();
            Write(w => defined.WriteJobList(w, page, offset, count, all.Count, request)).Should().Be(Write(w => csharp.WriteJobList(w, page, offset, count, all.Count, request)));
        }

        Write(w => defined.WriteBatchSubmitted(w, "batch_1", all, Created)).Should().Be(Write(w => csharp.WriteBatchSubmitted(w, "batch_1", all, Created)));
        Write(w => defined.WriteToken(w, "tok", TimeSpan.FromHours(1))).Should().Be(Write(w => csharp.WriteToken(w, "tok", TimeSpan.FromHours(1))));
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void EveryErrorBody_IsTheSame_WithEitherEncoder(string name)
    {
        var (csharp, defined) = Both(name);
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            foreach (var (jobId, detail, retryAfter) in new (string?, string?, int?)[] { (null, null, null), ("job_1", null, null), (null, "'file' is <required>", 30), ("job_2", "5", 1) })
            {
                var problem = new ErrorView(kind, 400, jobId, retryAfter, Created, "trace_0badf00d") { Detail = detail };
                foreach (var encoder in new[] { JsonFragment.Encoder, JavaScriptEncoder.Default })
                {
                    Write(w => defined.WriteError(w, problem), encoder).Should().Be(Write(w => csharp.WriteError(w, problem), encoder), $"{kind} {jobId} {detail} {retryAfter}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void SubmissionChecks_AndIdReads_AreTheSame(string name)
    {
        var (csharp, defined) = Both(name);
        string[] keys = [.. csharp.SubmissionFields.Select(f => f.Key)];
        var operations = csharp.Operations;
        for (var mask = 0; mask < 1 << Math.Min(keys.Length, 8); mask++)
        {
            var values = keys.Take(8).Where((_, i) => (mask & (1 << i)) != 0).ToDictionary(k => k, k => k == "schema" ? (mask % 3 == 0 ? "[1]" : mask % 3 == 1 ? "{\"a\":1}" : "{oops") : "x");
            var submission = new Submission(values, null, null, null);
            foreach (var operation in operations)
            {
                defined.CheckSubmission(operation, submission).Should().Be(csharp.CheckSubmission(operation, submission));
            }
        }

        defined.HasResponseHeaders.Should().Be(csharp.HasResponseHeaders);
        foreach (var facts in new ResponseFacts[]
        {
            new("req_0000abcd", 1, TimeSpan.FromSeconds(59.2)), new("req_1", 75, TimeSpan.Zero),
            new("req_2", 3, TimeSpan.FromSeconds(10), new Core.Limits.RateDecision(false, 5, 0, TimeSpan.FromSeconds(1.5))),
        })
        {
            if (csharp.HasResponseHeaders)
            {
                defined.ResponseHeaders(facts).Should().Equal(csharp.ResponseHeaders(facts));
            }
        }

        foreach (var details in new[] { """{"page":3}""", """{"step":"ocr","page":1}""", "[1]", "\"x\"", "null" })
        {
            var scripted = JsonFragment.Build(w => w.WriteRawValue(details));
            Text(defined.CompleteErrorDetails(scripted)).Should().Be(Text(csharp.CompleteErrorDetails(scripted)));
        }

        foreach (var request in new[]
        {
            new FakeRequest(), new FakeRequest().Route("id", "job_1").Route("jobId", "j2").Route("job_id", "j3").Query("request_id", "r4"),
            new FakeRequest().Query("request_id", "  "), new FakeRequest().Route("id", " "),
        })
        {
            defined.ReadJobId(request).Should().Be(csharp.ReadJobId(request));
        }
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void EveryReadAnswer_IsTheSame(string name)
    {
        var (csharp, defined) = Both(name);
        var job = Jobs(csharp).First(j => j.Status == JobStatus.Completed);
        foreach (var operation in csharp.Operations.Where(o => o.Kind == Core.Dialects.Operations.OperationKind.Read))
        {
            foreach (var (body, query) in new[] { (RequestBody.Empty, false), (RequestBody.Read(new Dictionary<string, string> { ["name"] = "video-summary", ["videoUrl"] = "https://example.com/v.mp4" }, []), true), (RequestBody.Read(new Dictionary<string, string> { ["name"] = "nope" }, []), false) })
            {
                var request = new FakeRequest { BaseUrl = "http://127.0.0.1:5000" }.Route("conversationId", "1234567890123456");
                if (query)
                {
                    request.Query("verbose", "true").Query("sentiment", "TRUE");
                }

                string? expectedProblem = null;
                var expected = Write(w => expectedProblem = csharp.WriteRead(w, operation, new ReadView("1234567890123456", job, Created, new FakeData(5), body), request));
                string? actualProblem = null;
                var actual = Write(w => actualProblem = defined.WriteRead(w, operation, new ReadView("1234567890123456", job, Created, new FakeData(5), body), request));
                (actualProblem, actual).Should().Be((expectedProblem, expected), operation.ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ported))]
    public void EveryWebhook_IsTheSame(string name)
    {
        var (csharp, defined) = Both(name);
        (defined.Webhooks is null).Should().Be(csharp.Webhooks is null);
        if (csharp.Webhooks is not { } expected || defined.Webhooks is not { } actual)
        {
            return;
        }

        actual.EventTypes.Should().Equal(expected.EventTypes);
        foreach (var left in Enum.GetValues<JobStatus>())
        {
            foreach (var entered in Enum.GetValues<JobStatus>())
            {
                actual.EventTypeFor(left, entered).Should().Be(expected.EventTypeFor(left, entered), $"{left} → {entered}");
            }
        }

        for (var seed = 0; seed < 50; seed++)
        {
            actual.NewEventId(new FakeData(seed)).Should().Be(expected.NewEventId(new FakeData(seed)));
            actual.NewEndpointId(new FakeData(seed)).Should().Be(expected.NewEndpointId(new FakeData(seed)));
            actual.NewSecret(new FakeData(seed)).Should().Be(expected.NewSecret(new FakeData(seed)));
        }

        foreach (var job in Jobs(csharp))
        {
            foreach (var metadata in new[] { null, "order-7 <x>" })
            {
                var webhookEvent = new Core.Dialects.WebhookEvent("evt_1", expected.EventTypes[^1], Created.AddSeconds(3), job, metadata);
                var body = Write(w => expected.WriteEvent(w, webhookEvent));
                Write(w => actual.WriteEvent(w, webhookEvent)).Should().Be(body);
                foreach (var secret in new[] { null, "whsec_abc" })
                {
                    actual.Headers(webhookEvent, Encoding.UTF8.GetBytes(body), secret, Created.AddSeconds(9))
                        .Should().Equal(expected.Headers(webhookEvent, Encoding.UTF8.GetBytes(body), secret, Created.AddSeconds(9)));
                }
            }
        }

        var scenario = new ScenarioLoader().LoadYaml($"dialect: {name}\n");
        var endpoints = new[]
        {
            new Core.Dialects.WebhookEndpoint("wh_1", new Uri("https://example.com/hook?a=1"), expected.EventTypes, "whsec_1", true, Created, scenario),
            new Core.Dialects.WebhookEndpoint("wh_2", new Uri("http://127.0.0.1:9/x"), [], "", false, Created.AddDays(1), scenario),
        };
        foreach (var endpoint in endpoints)
        {
            Write(w => actual.WriteEndpoint(w, endpoint, withSecret: true)).Should().Be(Write(w => expected.WriteEndpoint(w, endpoint, withSecret: true)));
            Write(w => actual.WriteEndpoint(w, endpoint, withSecret: false)).Should().Be(Write(w => expected.WriteEndpoint(w, endpoint, withSecret: false)));
            Write(w => actual.WriteDeleted(w, endpoint)).Should().Be(Write(w => expected.WriteDeleted(w, endpoint)));
        }

        Write(w => actual.WriteEndpoints(w, endpoints)).Should().Be(Write(w => expected.WriteEndpoints(w, endpoints)));
        Write(w => actual.WriteEndpoints(w, [])).Should().Be(Write(w => expected.WriteEndpoints(w, [])));
    }

    private static readonly Dialect[] References =
    [
        new Reference.SymblDialect(), new Reference.DeepAffectsDialect(), new Reference.WavelineDialect(), new Reference.AitronosDialect(), new Reference.DocuRiftDialect(),
    ];

    private static (Dialect CSharp, Dialect Defined) Both(string name) => (References.Single(d => d.Name == name), DialectDefinitions.Builtin(name));

    private static IEnumerable<JobView> Jobs(Dialect dialect)
    {
        var fields = dialect.JobFields.Select(f => f.Generate(new FakeData(7))).ToList();
        var result = dialect.HasResult ? dialect.GenerateResult(new FakeData(8), fields) : null;
        var scripted = new ScriptedError("OCR_FAILED", "The scan is unreadable.", JsonFragment.Build(w => w.WriteRawValue("""{"page":3}""")));
        foreach (var status in Enum.GetValues<JobStatus>())
        {
            var finished = status is JobStatus.Completed or JobStatus.Failed ? Created.AddSeconds(2.34) : (DateTimeOffset?)null;
            var started = status == JobStatus.Queued ? (DateTimeOffset?)null : Created.AddSeconds(1);
            foreach (var error in status == JobStatus.Failed ? new ScriptedError?[] { new ScriptedError(null, null, null), scripted } : [null])
            {
                yield return new JobView("job_" + status, status, status == JobStatus.Running ? 40 : 0, Created, Created.AddSeconds(1), started, finished,
                    status == JobStatus.Completed ? result : null, error, fields);
            }
        }

        yield return new JobView("job_word", JobStatus.Running, 55, Created, Created, Created, null, null, null, fields)
        {
            Word = JsonEncodedText.Encode("In Progress"),
            WordText = "In Progress",
        };
        yield return new JobView("job_whole", JobStatus.Completed, 100, Created, Created, Created, Created.AddSeconds(3), result, null, fields);
    }

    private static IEnumerable<string> Describe(IReadOnlyList<Core.Dialects.Operations.DialectOperation> operations) =>
        operations.Select(o => $"{o.Method} {o.Route} {o.Kind} [{string.Join(", ", o.Credentials)}] {o.Summary} {o.Body} {o.MaxBodyBytes} {o.SuccessStatus} {{{string.Join(", ", o.Values.OrderBy(v => v.Key, StringComparer.Ordinal))}}} {o.Lookup}");

    private static string Describe(SubmissionField f) =>
        $"{f.Key}|{f.WireName}|{f.Description}|{f.Source}|{f.Role}|{f.JobField}|{f.Required}|{f.Default}|{Join(f.Choices)}|{f.Pattern}|{f.RefusedWith}|{Join(f.OnlyFor)}";

    private static string Join(IReadOnlyList<string>? items) => items is null ? "-" : string.Join(",", items);

    private static string Text(JsonFragment fragment) => Encoding.UTF8.GetString(fragment.Utf8);

    private static string Write(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder ?? JsonFragment.Encoder }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
