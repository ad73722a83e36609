using System.Text;

namespace JobEmulator.Tests.Shared;

/// <summary>One broken scenario file and where its error must be reported.</summary>
/// <param name="Name">The file name (unique in the corpus; says what is broken).</param>
/// <param name="Bytes">The file's bytes.</param>
/// <param name="Line">The line an error must point at.</param>
/// <param name="Column">The column an error must point at.</param>
/// <param name="Expect">Text that error's message must contain (empty: any message).</param>
internal sealed record MalformedScenario(string Name, byte[] Bytes, int Line, int Column, string Expect)
{
    public override string ToString() => Name;
}

/// <summary>
/// A generated corpus of broken scenario files (linked into each test project that feeds it to a host): a valid
/// DocuRift scenario broken one line at a time (wrong types, unknown and misspelt keys, duplicate keys and ids,
/// impossible lifecycles and <c>when:</c> rules, YAML syntax), each with LF, CRLF and BOM line endings, and files
/// broken as a whole (invalid UTF-8, UTF-16, control characters, huge files and values, deep nesting, alias bombs).
/// Where an error must point is marked in the text with <c>»</c>, removed before the bytes are written.
/// </summary>
internal static class MalformedScenarioCorpus
{
    private const string Marker = CorpusText.Marker;

    /// <summary>The largest file in the corpus is refused before it is read: it is larger than the loader's cap.</summary>
    public const long OversizedBytes = (64L * 1024 * 1024) + 1;

    // A valid scenario in block style, so every value sits on its own line. The corpus breaks it one line at a time.
    private static readonly string[] Template =
    [
        "version: 1",                                                  // 1
        "name: corpus",                                                // 2
        "description: a scenario the corpus breaks one line at a time", // 3
        "dialect: docurift",                                           // 4
        "seed: 7",                                                     // 5
        "auth:",                                                       // 6
        "  keys:",                                                     // 7
        "    - corpus_key",                                            // 8
        "jobs:",                                                       // 9
        "  - id: job_corpus",                                          // 10
        "    document_type: invoice",                                  // 11
        "    lifecycle:",                                              // 12
        "      - status: pending",                                     // 13
        "        polls: 2",                                            // 14
        "      - status: processing",                                  // 15
        "        polls: 2",                                            // 16
        "        progress: [10, 50]",                                  // 17
        "      - status: completed",                                   // 18
        "        result:",                                             // 19
        "          total: 12.5",                                       // 20
        "    faults:",                                                 // 21
        "      - on:",                                                 // 22
        "          poll: 3",                                           // 23
        "        respond: 429",                                        // 24
        "        retry_after: 2s",                                     // 25
        "submitted_jobs:",                                             // 26
        "  - when:",                                                   // 27
        "      file_name: corrupt.pdf",                                // 28
        "    lifecycle:",                                              // 29
        "      - status: processing",                                  // 30
        "        after: 2s",                                           // 31
        "      - status: failed",                                      // 32
        "        error:",                                              // 33
        "          code: OCR_FAILED",                                  // 34
        "          message: Unable to extract text",                   // 35
        "webhooks:",                                                   // 36
        "  timeout: 5s",                                               // 37
        "  retry: [10s, 1m]",                                          // 38
        "latency: 20ms",                                               // 39
        "rate_limit:",                                                 // 40
        "  requests: 5",                                               // 41
        "  per: 1s",                                                   // 42
        "limits:",                                                     // 43
        "  concurrent_jobs: 3",                                        // 44
        "retention: 30d",                                              // 45
    ];

    // Wrong values for a line's value: every one must be refused at the value itself.
    private static readonly (int Line, string[] Values)[] WrongValues =
    [
        (1, ["2", "one", "[1]"]),
        (4, ["acme", "[docurift]", "''"]),
        (5, ["seven", "2147483648", "1.5", "{ a: 1 }"]),
        (8, ["[nested]", "''"]),
        (10, ["a/b", "'..'", "a&b", "'has space'", "[x]"]),
        (11, ["[invoice]", "{ a: 1 }"]),
        (13, ["queueing", "42", "[pending]", "completed"]),
        (14, ["two", "0", "-1", "'2'", "1.5", "[2]", "99999999999999999999"]),
        (16, ["2 polls", "{ n: 2 }"]),
        (17, ["[10, »140]", "[10, 50, 90]", "ten", "-5"]),
        (18, ["processing", "finished"]),
        (23, ["0", "x", "-2"]),
        (24, ["200", "600", "teapot", "99"]),
        (25, ["2 seconds", "later", "-2s"]),
        (28, ["{ a: 1 }"]),
        (31, ["2", "two seconds", "0s", "-2s"]),
        (32, ["pending"]),
        (34, ["[a]", "{ a: 1 }"]),
        (37, ["soon", "0s", "-5s", "[5s]"]),
        (38, ["fast", "{ a: 1 }"]),
        (39, ["fast", "-20ms", "[20ms]"]),
        (41, ["0", "five", "-5", "1.5"]),
        (42, ["second", "0s", "[1s]"]),
        (44, ["0", "many", "-1"]),
        (45, ["forever", "0d", "30 days", "[30d]"]),
    ];

    // A misspelling of the key on each line (the key must be reported as unknown where it stands).
    private static readonly (int Line, string Misspelt)[] MisspeltKeys =
    [
        (1, "versoin"), (2, "nmae"), (3, "descripton"), (5, "seeds"), (6, "authentication"), (7, "key"),
        (9, "job"), (10, "ids"), (11, "documenttype"), (12, "lifecyle"), (13, "state"), (14, "poll"), (17, "progres"),
        (19, "results"), (21, "fault"), (22, "when"), (23, "pol"), (24, "response"), (25, "retry-after"), (27, "if"),
        (28, "filename"), (31, "afer"), (33, "errors"), (34, "codes"), (35, "msg"), (36, "webhook"), (37, "timout"),
        (38, "retries"), (39, "latence"), (40, "ratelimit"), (41, "request"), (42, "every"), (43, "limit"),
        (44, "concurrent"), (45, "retain"),
    ];

    /// <summary>The template itself in every encoding and line ending YAML allows: each must load, equal to the UTF-8 file.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> ValidVariants { get; } = ValidEncodings();

    /// <summary>Every file of the corpus, in a stable order.</summary>
    public static IReadOnlyList<MalformedScenario> All { get; } = Generate();

    /// <summary>Writes the corpus into <paramref name="folder"/> (the oversized file is sparse) and returns it.</summary>
    public static IReadOnlyList<MalformedScenario> WriteTo(string folder, bool includeOversized = true)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in All)
        {
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Bytes);
        }

        if (!includeOversized)
        {
            return All;
        }

        // Larger than the loader's cap, written sparse: the loader must refuse it from its size without reading it.
        using (var stream = new FileStream(Path.Combine(folder, Oversized.Name), FileMode.Create))
        {
            stream.Write("version: 1\n"u8);
            stream.SetLength(OversizedBytes);
        }

        return [.. All, Oversized];
    }

    /// <summary>The file over the size cap (written only by <see cref="WriteTo"/>; its bytes are not kept).</summary>
    public static MalformedScenario Oversized { get; } = new("whole-oversized.yaml", [], 1, 1, "larger than");

    private static List<MalformedScenario> Generate()
    {
        var lineCases = new List<(string Name, string Text, string Expect)>();
        foreach (var (line, values) in WrongValues)
        {
            for (var i = 0; i < values.Length; i++)
            {
                lineCases.Add(($"value-line{line:00}-{i}", ReplaceValue(line, values[i]), string.Empty));
            }
        }

        foreach (var (line, misspelt) in MisspeltKeys)
        {
            lineCases.Add(($"key-line{line:00}-{misspelt}", ReplaceKey(line, misspelt), "'" + misspelt + "'"));
        }

        foreach (var line in new[] { 1, 2, 4, 5, 11, 14, 24, 37, 41, 45 })
        {
            lineCases.Add(($"duplicate-key-line{line:00}", InsertAfter(line, Marker + Template[line - 1].TrimStart(' ', '-')), "duplicate key"));
        }

        foreach (var (after, text) in new[] { (4, "colour: red"), (7, "  colour: red"), (10, "    colour: red"), (13, "        colour: red"), (23, "          colour: red"), (37, "  colour: red") })
        {
            lineCases.Add(($"unknown-key-after-line{after:00}", InsertAfter(after, CorpusText.Indent(text) + Marker + text.TrimStart()), "unknown key 'colour'"));
        }

        lineCases.AddRange(WholeTextCases());

        var corpus = new List<MalformedScenario>();
        foreach (var (name, text, expect) in lineCases)
        {
            var (clean, line, column) = Locate(text);
            corpus.Add(new($"{name}.yaml", Encoding.UTF8.GetBytes(clean), line, column, expect));
            corpus.Add(new($"{name}.crlf.yaml", Encoding.UTF8.GetBytes(clean.Replace("\n", "\r\n", StringComparison.Ordinal)), line, column, expect));
            corpus.Add(new($"{name}.bom.yml", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(clean)], line, column, expect));
        }

        corpus.AddRange(EncodingCases());
        corpus.AddRange(SizeAndShapeCases());
        return corpus;
    }

    private static IEnumerable<(string Name, string Text, string Expect)> WholeTextCases()
    {
        // Impossible lifecycles (lines 13-20 replaced).
        yield return ("lifecycle-terminal-in-middle", ReplaceLines(13, 20, "      - status: »completed", "      - status: failed"), "terminal");
        yield return ("lifecycle-empty", ReplaceLines(12, 20, "    lifecycle: »[]"), "empty");
        yield return ("lifecycle-never-ends", ReplaceLines(13, 14, "      - »status: pending"), "never ends");
        yield return ("lifecycle-result-on-failed", ReplaceLines(18, 20, "      - status: failed", "        result: »{ total: 1 }"), "result");
        yield return ("lifecycle-progress-on-completed", ReplaceLines(18, 20, "      - status: completed", "        progress: »40"), "progress");
        yield return ("lifecycle-missing", ReplaceLines(11, 20, "    document_type: invoice").Replace("  - id: job_corpus", "  - »id: job_corpus", StringComparison.Ordinal), "needs 'lifecycle'");
        yield return ("lifecycle-not-a-list", ReplaceLines(12, 20, "    lifecycle: »completed"), "list");
        yield return ("lifecycle-step-not-a-map", ReplaceLines(13, 14, "      - »pending"), "mapping");
        yield return ("lifecycle-error-on-completed", ReplaceLines(18, 20, "      - status: completed", "        error: »{ code: X }"), "error");

        // when: rules that can never match, or templates that can never be used.
        yield return ("when-unknown-field", ReplaceLines(28, 28, "      »colour: red"), "colour");
        yield return ("when-refused-value", ReplaceLines(28, 28, "      priority: »urgent"), "urgent");
        yield return ("when-nth-zero", ReplaceLines(28, 28, "      nth: »0"), "nth");
        yield return ("when-nth-text", ReplaceLines(28, 28, "      nth: »first"), "nth");
        yield return ("when-not-a-map", ReplaceLines(27, 28, "  - when: »corrupt.pdf"), "mapping");
        yield return ("when-after-catch-all", InsertAfter(25, "submitted_jobs:", "  - lifecycle: [{ status: completed }]", "  - »when: { nth: 2 }", "    lifecycle: [{ status: completed }]").Replace("submitted_jobs:\n  - when:\n      file_name: corrupt.pdf\n    lifecycle:\n      - status: processing\n        after: 2s\n      - status: failed\n        error:\n          code: OCR_FAILED\n          message: Unable to extract text\n", string.Empty, StringComparison.Ordinal), "can never be used");

        // Ids.
        yield return ("duplicate-job-id", InsertAfter(25, "  - »id: job_corpus", "    lifecycle: [{ status: completed }]"), "job_corpus");
        yield return ("missing-dialect", ReplaceLines(4, 4), "dialect");

        // YAML syntax.
        yield return ("syntax-unclosed-flow", ReplaceValue(38, "[10s, 1m"), "never closed");
        yield return ("syntax-unclosed-quote", ReplaceLines(3, 3, "description: \"never closed", "»dialect: docurift"), "3:14");
        yield return ("syntax-tab-indent", ReplaceLines(14, 14, "»\tpolls: 2"), "tab");
        yield return ("syntax-value-after-value", ReplaceLines(5, 5, "seed: 7»: 8"), string.Empty);
        yield return ("syntax-bad-indent", ReplaceLines(14, 14, "         polls»: 2"), string.Empty);
        yield return ("syntax-reserved-indicator", ReplaceLines(2, 2, "name: »@corpus"), "reserved");
        yield return ("syntax-second-document", string.Join('\n', Template) + "\n»---\nname: again\n", "second");
        yield return ("syntax-unknown-alias", ReplaceLines(17, 17, "        progress: »*steps"), "alias");
        yield return ("syntax-list-in-map", ReplaceLines(6, 6, "auth:", "»- keys: [a]"), string.Empty);
        yield return ("syntax-merge-key", ReplaceLines(11, 11, "    »<<: { document_type: invoice }"), "merge");
        yield return ("root-list", "»- version: 1\n- dialect: docurift\n", "mapping");
        yield return ("root-scalar", "»docurift\n", "mapping");
        yield return ("root-null", "»~\n", string.Empty);
    }

    private static IEnumerable<MalformedScenario> EncodingCases()
    {
        var valid = Encoding.UTF8.GetBytes(string.Join('\n', Template) + "\n");

        // Invalid UTF-8 at a known line and column: the loader must point at the first bad byte.
        var bad = new (string Name, byte[] Bytes)[]
        {
            ("ff", [0xFF]), ("overlong-slash", [0xC0, 0xAF]), ("lone-continuation", [0x80]),
            ("surrogate", [0xED, 0xA0, 0x80]), ("five-byte", [0xF8, 0x88, 0x80, 0x80, 0x80]), ("cut-short", [0xE2, 0x82]),
            ("latin1-e-acute", [0xE9]),
        };
        foreach (var (name, bytes) in bad)
        {
            foreach (var (line, column) in new[] { (3, 14), (10, 9), (35, 20) })
            {
                yield return new($"utf8-{name}-line{line:00}.yaml", Insert(valid, line, column, bytes), line, column, "UTF-8");
            }
        }

        // Ends inside a multi-byte character.
        yield return new("utf8-cut-at-end.yaml", [.. valid, 0xE2, 0x82], 46, 1, "UTF-8");

        // Without a byte-order mark, UTF-16 has a zero byte beside every letter (with one, it is a valid YAML stream).
        var text = string.Join('\n', Template) + "\n";
        yield return new("utf16-le-no-bom.yaml", Encoding.Unicode.GetBytes(text), 1, 2, "U+0000");

        // Characters YAML does not allow in a document.
        foreach (var (name, character) in new[] { ("nul", "\0"), ("bell", "\a"), ("escape", "\u001b"), ("delete", "\u007f"), ("c1", "\u0090") })
        {
            var broken = ReplaceLines(3, 3, $"description: a »{character}control character");
            var (clean, line, column) = Locate(broken);
            yield return new($"control-{name}.yaml", Encoding.UTF8.GetBytes(clean), line, column, "U+");
        }

        // Line endings: old Mac CR-only (YAML line breaks too), so positions count those lines.
        var (crText, crLine, crColumn) = Locate(ReplaceValue(14, "two"));
        yield return new("line-endings-cr-only.yaml", Encoding.UTF8.GetBytes(crText.Replace('\n', '\r')), crLine, crColumn, "polls");

        // Nothing to read.
        yield return new("empty.yaml", [], 1, 1, "empty");
        yield return new("empty-bom.yaml", [.. Encoding.UTF8.Preamble], 1, 1, "empty");
        yield return new("whitespace-only.yaml", "   \n\n  \n"u8.ToArray(), 1, 1, "empty");
        yield return new("comments-only.yaml", "# just a comment\n# and another\n"u8.ToArray(), 1, 1, "empty");
    }

    private static IEnumerable<MalformedScenario> SizeAndShapeCases()
    {
        // A huge file (about 6 MB, 40,000 jobs) broken in its very last line: found, at the right line, in bounded memory.
        var huge = new StringBuilder("version: 1\nname: huge\ndialect: docurift\njobs:\n");
        for (var i = 0; i < 40_000; i++)
        {
            huge.Append("  - id: job_huge_").Append(i).Append("\n    lifecycle: [{ status: pending, polls: 1 }, { status: completed }]\n");
        }

        var hugeLine = 4 + (40_000 * 2) + 1;
        huge.Append("  - id: job_huge_last\n    lifecycle: [{ status: pending, polls: two }, { status: completed }]\n");
        yield return new("huge-broken-at-the-end.yaml", Encoding.UTF8.GetBytes(huge.ToString()), hugeLine + 1, 43, "polls");

        // A 2 MB value: refused, and the message quotes it shortened (a person must be able to read it).
        var longValue = new string('a', 2 * 1024 * 1024);
        yield return new("huge-value.yaml", Encoding.UTF8.GetBytes($"version: 1\ndialect: {longValue}\n"), 2, 10, "characters");

        // 300,000 progress values on one line.
        yield return new("huge-flow-list.yaml", Encoding.UTF8.GetBytes($"version: 1\ndialect: docurift\njobs:\n  - lifecycle:\n      - {{ status: processing, polls: 2, progress: [{string.Join(", ", Enumerable.Repeat("5", 300_000))}] }}\n      - {{ status: completed }}\n"), 5, 51, "progress");

        // Deep nesting, flow and block, closed and not.
        yield return new("nesting-flow-100.yaml", Encoding.UTF8.GetBytes($"version: 1\ndialect: docurift\ndescription: {new string('[', 100)}{new string(']', 100)}\n"), 3, 77, "nesting");
        yield return new("nesting-flow-100000-unclosed.yaml", Encoding.UTF8.GetBytes($"version: 1\ndialect: docurift\ndescription: {new string('[', 100_000)}\n"), 3, 77, "nesting");
        yield return new("nesting-flow-maps-1000.yaml", Encoding.UTF8.GetBytes($"version: 1\ndialect: docurift\ndescription: {string.Concat(Enumerable.Repeat("{a: ", 1000))}1{new string('}', 1000)}\n"), 3, 14 + (62 * 4) + 1, "nesting");
        var block = new StringBuilder("version: 1\ndialect: docurift\ndescription:\n");
        for (var depth = 1; depth <= 70; depth++)
        {
            block.Append(' ', depth * 2).Append("k:\n");
        }

        block.Append(' ', 71 * 2).Append("v\n");
        yield return new("nesting-block-70.yaml", Encoding.UTF8.GetBytes(block.ToString()), 3 + 63, 1 + (63 * 2), "nesting");

        // Alias bombs inside a result (the one place free-form values are read): each level repeats the one before ten times.
        var laughs = new StringBuilder("version: 1\ndialect: docurift\njobs:\n  - lifecycle:\n      - status: completed\n        result:\n          l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            laughs.Append("          l").Append(level).Append(": &a").Append(level).Append(" [").AppendJoin(", ", Enumerable.Repeat("*a" + (level - 1), 10)).Append("]\n");
        }

        yield return new("alias-bomb-laughs.yaml", Encoding.UTF8.GetBytes(laughs.ToString()), 0, 0, "aliases repeat");
        var wide = new StringBuilder("version: 1\ndialect: docurift\njobs:\n  - lifecycle:\n      - status: completed\n        result:\n          big: &big [").AppendJoin(", ", Enumerable.Repeat("xxxxxxxxxx", 1000)).Append("]\n          copies: [");
        wide.AppendJoin(", ", Enumerable.Repeat("*big", 2000)).Append("]\n");
        yield return new("alias-bomb-wide.yaml", Encoding.UTF8.GetBytes(wide.ToString()), 0, 0, "aliases repeat");
        yield return new("alias-self.yaml", "version: 1\ndialect: docurift\ndescription: &self [a, *self]\n"u8.ToArray(), 3, 24, "alias");
    }

    private static List<(string Name, byte[] Bytes)> ValidEncodings()
    {
        var text = string.Join('\n', Template) + "\n";
        return
        [
            ("utf8.yaml", Encoding.UTF8.GetBytes(text)),
            ("utf8-bom.yaml", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]),
            ("crlf.yaml", Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))),
            ("cr-only.yaml", Encoding.UTF8.GetBytes(text.Replace('\n', '\r'))),
            ("utf16-le.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
            ("utf16-be.yaml", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]),
            ("utf32-le.yaml", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)]),
        ];
    }

    private static string ReplaceValue(int line, string value) => CorpusText.ReplaceValue(Template, line, value);

    private static string ReplaceKey(int line, string key) => CorpusText.ReplaceKey(Template, line, key);

    private static string InsertAfter(int line, params string[] inserted) => CorpusText.InsertAfter(Template, line, inserted);

    private static string ReplaceLines(int first, int last, params string[] replacement) => CorpusText.ReplaceLines(Template, first, last, replacement);

    private static (string Text, int Line, int Column) Locate(string marked) => CorpusText.Locate(marked);

    private static byte[] Insert(byte[] utf8, int line, int column, byte[] bytes)
    {
        var offset = 0;
        for (var l = 1; l < line; l++)
        {
            offset = Array.IndexOf(utf8, (byte)'\n', offset) + 1;
        }

        offset += column - 1;
        return [.. utf8.AsSpan(0, offset), .. bytes, .. utf8.AsSpan(offset)];
    }
}
