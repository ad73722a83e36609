using System.Text;

namespace JobEmulator.Tests.Shared;

/// <summary>
/// A generated corpus of broken dialect definition files (<c>kind: dialect</c>; linked into each test project that feeds
/// it to a host): a valid definition broken one line at a time (wrong values, misspelt keys, templates naming unknown
/// fields or filters, impossible and conflicting routes, unknown kinds and signing schemes), each with LF, CRLF and BOM
/// line endings. Where an error must point is marked in the text with <c>»</c>, removed before the bytes are written.
/// </summary>
internal static class MalformedDialectCorpus
{
    private const string Marker = CorpusText.Marker;

    // A valid definition in block style, so every value sits on its own line. The corpus breaks it one line at a time.
    private static readonly string[] Template =
    [
        "kind: dialect",                                   // 1
        "version: 1",                                      // 2
        "name: corpus",                                    // 3
        "vendor: Corpus Jobs",                             // 4
        "status_words:",                                   // 5
        "  queued: waiting",                               // 6
        "  running: working",                              // 7
        "  completed: done",                               // 8
        "  failed: broken",                                // 9
        "path_prefixes:",                                  // 10
        "  - /corpus/v1",                                  // 11
        "retention: 30d",                                  // 12
        "credentials:",                                    // 13
        "  - header: X-Corpus-Key",                        // 14
        "job_id:",                                         // 15
        "  route: id",                                     // 16
        "  new: \"job_{{ fake.text(8, 'abcdefgh') }}\"",   // 17
        "operations:",                                     // 18
        "  - method: GET",                                 // 19
        "    route: \"/corpus/v1/jobs/{id}\"",             // 20
        "    kind: status",                                // 21
        "    success: 200",                                // 22
        "  - method: POST",                                // 23
        "    route: /corpus/v1/jobs",                      // 24
        "    kind: submit",                                // 25
        "    body: json",                                  // 26
        "    max_body: 1 MiB",                             // 27
        "    success: 202",                                // 28
        "  - method: POST",                                // 29
        "    route: \"/corpus/v1/jobs/{id}/cancel\"",      // 30
        "    kind: cancel",                                // 31
        "job_fields:",                                     // 32
        "  pages:",                                        // 33
        "    kind: whole_number",                          // 34
        "    minimum: 1",                                  // 35
        "    default: \"{{ fake.int(1, 9) }}\"",           // 36
        "submission:",                                     // 37
        "  fields:",                                       // 38
        "    document:",                                   // 39
        "      required: true",                            // 40
        "      pattern: \"^https?://\"",                   // 41
        "    pages:",                                      // 42
        "      job_field: pages",                          // 43
        "    hook:",                                       // 44
        "      role: webhook_url",                         // 45
        "  rules:",                                        // 46
        "    - any_of: [document, pages]",                 // 47
        "      message: a document is required",           // 48
        "cancel:",                                         // 49
        "  cancelled: cancelled",                          // 50
        "result:",                                         // 51
        "  total: \"{{ fake.amount(1, 100, 2) }}\"",       // 52
        "bodies:",                                         // 53
        "  status:",                                       // 54
        "    id: \"{{ job.id }}\"",                        // 55
        "    status: \"{{ job.status_word }}\"",           // 56
        "    pages: \"{{ job.fields.pages }}\"",           // 57
        "    created: \"{{ job.created_at | iso8601 }}\"", // 58
        "webhooks:",                                       // 59
        "  events:",                                       // 60
        "    - type: job.done",                            // 61
        "      to: completed",                             // 62
        "  event_id: \"evt_{{ fake.uuid_hex }}\"",         // 63
        "  body:",                                         // 64
        "    type: \"{{ event.type }}\"",                  // 65
        "  signature:",                                    // 66
        "    scheme: hmac_sha256_hex",                     // 67
        "    header: X-Corpus-Signature",                  // 68
        "errors:",                                         // 69
        "  body:",                                         // 70
        "    error: \"{{ error.message }}\"",              // 71
        "  kinds:",                                        // 72
        "    default:",                                    // 73
        "      message: wrong",                            // 74
        "  status:",                                       // 75
        "    validation_failed: 422",                      // 76
    ];

    // Wrong values for a line's value: every one must be refused at the value itself (or at the marked spot inside it).
    private static readonly (int Line, string[] Values)[] WrongValues =
    [
        (1, ["scenario", "dialects", "[dialect]"]),
        (2, ["2", "one", "[1]"]),
        (3, ["Corpus", "'has space'", "1corpus", "[corpus]", "waveline"]),
        (6, ["[waiting]", "{ a: 1 }", "''"]),
        (7, ["[working]"]),
        (11, ["corpus/v1", "[/a]"]),
        (12, ["forever", "30 days", "-1d"]),
        (14, ["[X-Key]"]),
        (16, ["[id]", "''"]),
        (17, ["\"job_{{ »fake.nope }}\"", "\"job_{{ »job.id }}\"", "\"{{ fake.text(8 »}}\""]),
        (19, ["FETCH", "get", "[GET]"]),
        (20, ["jobs/{id}", "\"/corpus/v1/jobs/{id\"", "[\"/a\"]"]),
        (21, ["poll", "Status", "[status]"]),
        (22, ["204", "199", "300", "ok", "{ »queud: 202 }"]),
        (24, ["corpus/v1/jobs", "[/a]"]),
        (25, ["create", "[submit]"]),
        (26, ["xml", "[json]"]),
        (27, ["lots", "-1 MiB", "1 TB"]),
        (28, ["205", "500", "{ queued: »204 }"]),
        (31, ["stop", "[cancel]"]),
        (34, ["integer", "[number]"]),
        (35, ["one", "[1]"]),
        (36, ["\"{{ »fake.nothing }}\"", "\"{{ fake.int(1 »}}\""]),
        (40, ["yes please", "[true]"]),
        (41, ["\"[unclosed\"", "[a]"]),
        (43, ["page", "[pages]"]),
        (45, ["webhook", "[webhook_url]"]),
        (47, ["[document, »nope]", "document", "[]"]),
        (48, ["[a]"]),
        (50, ["[cancelled]", "{ a: 1 }"]),
        (52, ["\"{{ »fake.nope }}\"", "\"{{ »job.missing }}\""]),
        (55, ["\"{{ »job.idd }}\"", "\"{{ job.id | »nope }}\"", "\"{{ job.id ==  »}}\"", "\"{{ »request.nope }}\""]),
        (56, ["\"{{ »job.status_words }}\"", "\"{{ »event.type }}\""]),
        (57, ["\"{{ »job.fields.page }}\"", "\"{{ »job.fields }}\""]),
        (58, ["\"{{ job.created_at | »iso }}\"", "\"{{ job.created_at | round(»x) }}\""]),
        (61, ["[job.done]", "{ a: 1 }"]),
        (62, ["finished", "[»done]"]),
        (63, ["\"evt_{{ »fake.nope }}\"", "[evt]"]),
        (65, ["\"{{ »event.nope }}\"", "\"{{ »request.base_url }}\""]),
        (67, ["hmac_md5", "rsa", "standard", "[hmac_sha256_hex]"]),
        (68, ["[X-Sig]"]),
        (71, ["\"{{ »error.nope }}\"", "\"{{ »job.id }}\""]),
        (74, ["[wrong]"]),
        (76, ["200", "600", "unprocessable"]),
    ];

    // A misspelling of the key on each line (the key must be reported as unknown where it stands).
    private static readonly (int Line, string Misspelt)[] MisspeltKeys =
    [
        (1, "knd"), (2, "versoin"), (3, "nmae"), (4, "vender"), (5, "status_word"), (6, "queue"), (7, "runing"), (8, "complete"),
        (9, "fail"), (10, "path_prefix"), (12, "retain"), (13, "credential"), (14, "headers"), (15, "jobid"), (16, "routes"),
        (17, "next"), (18, "operation"), (19, "verb"), (20, "path"), (21, "type"), (22, "status"), (26, "bodies"),
        (27, "max-body"), (32, "job_field"), (34, "kinds"), (35, "min"), (36, "defaults"), (37, "submissions"), (38, "field"),
        (40, "requird"), (41, "regex"), (43, "jobfield"), (45, "roles"), (46, "rule"), (48, "msg"), (49, "cancellation"),
        (50, "canceled"), (51, "results"), (53, "body"), (54, "statuses"), (59, "webhook"), (60, "event"), (62, "into"),
        (63, "eventid"), (64, "bodies"), (66, "signing"), (67, "schema"), (68, "head"), (69, "error"), (72, "kind"),
        (73, "defaut"), (75, "statuses"),
    ];

    /// <summary>The template itself, valid (what every case breaks).</summary>
    public static string Valid { get; } = string.Join('\n', Template) + "\n";

    /// <summary>Every file of the corpus, in a stable order.</summary>
    public static IReadOnlyList<MalformedScenario> All { get; } = Generate();

    /// <summary>Writes the corpus into <paramref name="folder"/> and returns it.</summary>
    public static IReadOnlyList<MalformedScenario> WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in All)
        {
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Bytes);
        }

        return All;
    }

    private static List<MalformedScenario> Generate()
    {
        var cases = new List<(string Name, string Text, string Expect)>();
        foreach (var (line, values) in WrongValues)
        {
            for (var i = 0; i < values.Length; i++)
            {
                cases.Add(($"dialect-value-line{line:00}-{i}", ReplaceValue(line, values[i]), string.Empty));
            }
        }

        foreach (var (line, misspelt) in MisspeltKeys)
        {
            cases.Add(($"dialect-key-line{line:00}-{misspelt}", ReplaceKey(line, misspelt), "'" + misspelt + "'"));
        }

        foreach (var line in new[] { 3, 6, 16, 21, 40, 67, 74 })
        {
            cases.Add(($"dialect-duplicate-key-line{line:00}", InsertAfter(line, Marker + Template[line - 1].TrimStart(' ', '-')), "duplicate key"));
        }

        // Whole-file mistakes: an operation twice, a route clashing with another of the file, required keys left out.
        cases.Add(("dialect-operation-twice", InsertAfter(22, "  - »method: GET", "    route: \"/corpus/v1/jobs/{id}\"", "    kind: status"), "declared twice"));
        cases.Add(("dialect-route-clash-in-file", InsertAfter(22, "  - »method: GET", "    route: \"/corpus/v1/jobs/{job}\"", "    kind: status"), "matches the same requests"));
        cases.Add(("dialect-no-status-operation", ReplaceLines(19, 22, "  - method: GET", "    route: /corpus/v1/other", "    kind: list").Replace("operations:\n", "operations:\n", StringComparison.Ordinal), "no operation of kind 'status'"));
        cases.Add(("dialect-cancel-without-cancel-block", ReplaceLines(49, 50), "needs 'cancel'"));
        cases.Add(("dialect-route-clash-built-in", ReplaceLines(19, 20, "  - »method: GET", "    route: \"/v1/jobs/{job}\""), "would answer the requests of dialect 'docurift'"));
        cases.Add(("dialect-route-clash-built-in-post", ReplaceLines(23, 24, "  - »method: POST", "    route: /api/v1/extract-document"), "would answer the requests of dialect 'waveline'"));
        cases.Add(("dialect-no-kind", "»" + Valid.Replace("kind: dialect\n", string.Empty, StringComparison.Ordinal), "'kind'"));
        return [.. cases.SelectMany(c => Variants(c.Name, c.Text, c.Expect))];
    }

    private static IEnumerable<MalformedScenario> Variants(string name, string text, string expect)
    {
        var (clean, line, column) = Locate(text);
        yield return new($"{name}.yaml", Encoding.UTF8.GetBytes(clean), line, column, expect);
        yield return new($"{name}.crlf.yaml", Encoding.UTF8.GetBytes(clean.Replace("\n", "\r\n", StringComparison.Ordinal)), line, column, expect);
        yield return new($"{name}.bom.yml", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(clean)], line, column, expect);
    }

    private static string ReplaceValue(int line, string value) => CorpusText.ReplaceValue(Template, line, value);

    private static string ReplaceKey(int line, string key) => CorpusText.ReplaceKey(Template, line, key);

    private static string InsertAfter(int line, params string[] inserted) => CorpusText.InsertAfter(Template, line, inserted);

    private static string ReplaceLines(int first, int last, params string[] replacement) => CorpusText.ReplaceLines(Template, first, last, replacement);

    private static (string Text, int Line, int Column) Locate(string marked) => CorpusText.Locate(marked);
}
