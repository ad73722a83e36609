using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;

namespace JobEmulator.Testing.Assertions;

/// <summary>
/// Assertions about how a client talked to the emulator, read from its request journal. Each looks at the
/// journal as it is when called; a failure shows the job's timeline with the offending requests marked.
/// </summary>
public sealed class JournalAssertions : ReferenceTypeAssertions<RequestJournal, JournalAssertions>
{
    // Marks where FluentAssertions puts the "because" text; NUL cannot occur in a job id, path or header.
    private const string Reason = "\0";

    private readonly string? _dialect;

    /// <summary>Creates the assertions over <paramref name="journal"/>.</summary>
    public JournalAssertions(RequestJournal journal)
        : this(journal, null)
    {
    }

    private JournalAssertions(RequestJournal journal, string? dialect)
        : base(journal)
    {
        _dialect = dialect;
    }

    /// <summary>
    /// Narrows the job assertions to <paramref name="dialect"/>'s requests. Job ids are unique only within a
    /// dialect (the bundled Aitronos and DocuRift scenarios both have <c>job_abc123def456</c>); an id that more
    /// than one dialect's requests name must be narrowed this way.
    /// </summary>
    public JournalAssertions InDialect(string dialect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialect);
        return new JournalAssertions(Subject, dialect);
    }

    /// <inheritdoc />
    protected override string Identifier => "journal";

    /// <summary>The client sent at least <paramref name="times"/> status requests for <paramref name="jobId"/> (any answer counts).</summary>
    public AndConstraint<JournalAssertions> HavePolledAtLeast(string jobId, int times, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        return Check(requests.Count >= times, because, becauseArgs, $"Expected job {jobId} to be polled at least {Times(times)}{Reason}, but it was polled {Times(requests.Count)}:", requests, needsWholeHistory: false, failureIsSure: false);
    }

    /// <summary>The client sent at most <paramref name="times"/> status requests for <paramref name="jobId"/>.</summary>
    public AndConstraint<JournalAssertions> HavePolledAtMost(string jobId, int times, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        return Check(requests.Count <= times, because, becauseArgs, $"Expected job {jobId} to be polled at most {Times(times)}{Reason}, but it was polled {Times(requests.Count)}:", requests);
    }

    /// <summary>The client sent exactly <paramref name="times"/> status requests for <paramref name="jobId"/>.</summary>
    public AndConstraint<JournalAssertions> HavePolledExactly(string jobId, int times, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        return Check(requests.Count == times, because, becauseArgs, $"Expected job {jobId} to be polled exactly {Times(times)}{Reason}, but it was polled {Times(requests.Count)}:", requests, failureIsSure: requests.Count > times);
    }

    /// <summary>Consecutive requests for <paramref name="jobId"/> were never closer together than <paramref name="interval"/> on the emulator's clock.</summary>
    public AndConstraint<JournalAssertions> NotHavePolledFasterThan(string jobId, TimeSpan interval, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        var notes = new Dictionary<long, string>();
        for (var i = 1; i < requests.Count; i++)
        {
            var gap = requests[i].Time - requests[i - 1].Time;
            if (gap < interval)
            {
                notes[requests[i].Sequence] = $"only {Timeline.Seconds(gap)} after #{requests[i - 1].Sequence}";
            }
        }

        return Check(notes.Count == 0, because, becauseArgs, $"Expected job {jobId} never to be polled faster than every {Timeline.Seconds(interval)}{Reason}, but {Times(notes.Count)} came sooner:", requests, notes);
    }

    /// <summary>
    /// The client backed off: each wait between requests for <paramref name="jobId"/> was at least as long as the
    /// wait before it, and some wait was longer than the first (a fixed interval is not a back-off). A wait that
    /// follows a <c>Retry-After</c> is the server's choice, not the client's: it is left out (check it with
    /// <see cref="HaveHonouredRetryAfter"/>). Needs at least three requests.
    /// </summary>
    public AndConstraint<JournalAssertions> HaveBackedOff(string jobId, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        var notes = new Dictionary<long, string>();
        TimeSpan? first = null;
        TimeSpan? previous = null;
        var grew = false;
        for (var i = 1; i < requests.Count; i++)
        {
            if (requests[i - 1].RetryAfter is not null)
            {
                continue;
            }

            var gap = requests[i].Time - requests[i - 1].Time;
            first ??= gap;
            grew |= gap > first;
            if (previous is { } before && gap < before)
            {
                notes[requests[i].Sequence] = $"waited {Timeline.Seconds(gap)}, less than the {Timeline.Seconds(before)} before";
            }

            previous = gap;
        }

        const string Expected = "Expected job {0} to be polled with growing intervals{1}";
        var expected = string.Format(CultureInfo.InvariantCulture, Expected, jobId, Reason);
        if (requests.Count < 3)
        {
            return Check(false, because, becauseArgs, $"{expected}, but it was polled only {Times(requests.Count)}, too few to show a back-off:", requests, failureIsSure: false);
        }

        if (notes.Count > 0)
        {
            return Check(false, because, becauseArgs, $"{expected}, but {Times(notes.Count)} the wait shrank:", requests, notes);
        }

        return Check(grew, because, becauseArgs, $"{expected}, but every wait was {Timeline.Seconds(first ?? TimeSpan.Zero)}: a fixed interval, not a back-off:", requests, failureIsSure: false);
    }

    /// <summary>
    /// The client stopped polling <paramref name="jobId"/> once an answer showed it completed or failed.
    /// Fails too when no answer ever showed it finished.
    /// </summary>
    public AndConstraint<JournalAssertions> HaveStoppedPollingAfterTerminal(string jobId, string because = "", params object[] becauseArgs)
    {
        var requests = For(jobId);
        var terminal = -1;
        for (var i = 0; i < requests.Count && terminal < 0; i++)
        {
            if (requests[i].IsTerminal)
            {
                terminal = i;
            }
        }

        if (terminal < 0)
        {
            return Check(false, because, becauseArgs, $"Expected the client to stop polling job {jobId} once it finished{Reason}, but no answer showed it completed or failed:", requests, failureIsSure: false);
        }

        var notes = new Dictionary<long, string> { [requests[terminal].Sequence] = "finished here" };
        for (var i = terminal + 1; i < requests.Count; i++)
        {
            notes[requests[i].Sequence] = "polled after the job had finished";
        }

        var extra = requests.Count - terminal - 1;
        return Check(extra == 0, because, becauseArgs, $"Expected the client to stop polling job {jobId} once it finished (#{requests[terminal].Sequence}){Reason}, but it polled {Times(extra)} more:", requests, notes);
    }

    /// <summary>
    /// After every answer carrying <c>Retry-After</c> (a 429, a 503), the client's next request for the same job
    /// came at least that long afterwards on the emulator's clock. <paramref name="jobId"/> null checks every job.
    /// </summary>
    public AndConstraint<JournalAssertions> HaveHonouredRetryAfter(string? jobId = null, string because = "", params object[] becauseArgs)
    {
        var requests = jobId is null ? Subject.Snapshot() : For(jobId);
        var notes = new Dictionary<long, string>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].RetryAfter is not { } wait)
            {
                continue;
            }

            var next = NextFor(requests, i);
            if (next is not null && next.Time - requests[i].Time < wait)
            {
                notes[next.Sequence] = $"came {Timeline.Seconds(next.Time - requests[i].Time)} after #{requests[i].Sequence}, which said Retry-After: {Timeline.Seconds(wait)}";
            }
        }

        var subject = jobId is null ? "the client" : $"the client polling job {jobId}";
        return Check(notes.Count == 0, because, becauseArgs, $"Expected {subject} to wait at least Retry-After before its next request{Reason}, but {Times(notes.Count)} it came back sooner:", requests, notes);
    }

    /// <summary>
    /// Every request (for <paramref name="jobId"/>, or every request when null) carried exactly <paramref name="credential"/>
    /// as its dialect reads it (API key header, bearer token, query key). Fails when there were no requests.
    /// </summary>
    public AndConstraint<JournalAssertions> HaveUsedCredential(string credential, string? jobId = null, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var requests = jobId is null ? Subject.Snapshot() : For(jobId);
        var notes = new Dictionary<long, string>();
        foreach (var request in requests)
        {
            if (!string.Equals(request.Credential, credential, StringComparison.Ordinal))
            {
                notes[request.Sequence] = request.Credential is null ? "no credential" : "a different credential";
            }
        }

        var scope = jobId is null ? "every request" : $"every request for job {jobId}";
        if (requests.Count == 0)
        {
            return Check(false, because, becauseArgs, $"Expected {scope} to carry the credential [{credential}]{Reason}, but there were no requests:", requests, failureIsSure: false);
        }

        return Check(notes.Count == 0, because, becauseArgs, $"Expected {scope} to carry the credential [{credential}]{Reason}, but {Times(notes.Count)} it did not:", requests, notes);
    }

    private static string Times(int count) => count == 1 ? "1 time" : $"{count} times";

    private static JournalEntry? NextFor(IReadOnlyList<JournalEntry> requests, int index)
    {
        for (var j = index + 1; j < requests.Count; j++)
        {
            if (string.Equals(requests[j].JobId, requests[index].JobId, StringComparison.Ordinal) && string.Equals(requests[j].Dialect, requests[index].Dialect, StringComparison.Ordinal))
            {
                return requests[j];
            }
        }

        return null;
    }

    // The status polls of one job: submissions and webhook registrations that name it are not polls.
    private List<JournalEntry> For(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var requests = new List<JournalEntry>();
        string? seen = null;
        foreach (var entry in Subject.Snapshot())
        {
            if (!string.Equals(entry.JobId, jobId, StringComparison.Ordinal) || entry.Operation is not (null or OperationKind.Status)
                || (_dialect is not null && !string.Equals(entry.Dialect, _dialect, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (_dialect is null && seen is not null && !string.Equals(seen, entry.Dialect, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Job id '{jobId}' was polled in more than one dialect ({seen} and {entry.Dialect}); say which with journal.Should().InDialect(\"{seen}\").");
            }

            seen ??= entry.Dialect;
            requests.Add(entry);
        }

        return requests;
    }

    // needsWholeHistory: a pass could be wrong if requests were dropped (a violation may hide among them).
    // failureIsSure: a failure stands whatever was dropped (it was seen among the requests kept).
    private AndConstraint<JournalAssertions> Check(bool condition, string because, object[] becauseArgs, string message, IReadOnlyList<JournalEntry> timeline, IReadOnlyDictionary<long, string>? notes = null, bool needsWholeHistory = true, bool failureIsSure = true)
    {
        // A journal that dropped requests can neither prove a rule held for all of them nor that a request
        // never came: say so rather than answer from what is left.
        if (Subject.Dropped > 0 && (condition ? needsWholeHistory : !failureIsSure))
        {
            Execute.Assertion.BecauseOf(because, becauseArgs).FailWith(
                $"Cannot check this{{reason}}: the journal dropped its {Subject.Dropped} oldest request(s), of any job (it keeps {Subject.Capacity}). " +
                "Raise JournalCapacity, or clear the journal (ResetAsync) closer to the requests under test.");
            return new AndConstraint<JournalAssertions>(this);
        }

        if (!condition)
        {
            var dropped = Subject.Dropped > 0 ? $"{Environment.NewLine}  ({Subject.Dropped} older request(s) were dropped: the journal keeps {Subject.Capacity})" : string.Empty;

            // FluentAssertions reads {braces} in a message as placeholders.
            // Job ids and credentials may hold braces too: escape everything but the {reason} placeholder.
            var head = Escape(message).Replace(Reason, "{reason}", StringComparison.Ordinal);
            var text = head + Environment.NewLine + Escape(Timeline.Format(timeline, notes)) + dropped;
            Execute.Assertion.BecauseOf(because, becauseArgs).FailWith(text);
        }

        return new AndConstraint<JournalAssertions>(this);
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
