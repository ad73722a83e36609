using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Limits;
using JobEmulator.Core.Scenarios;

namespace JobEmulator.Core.Engine;

// Submissions: which scenario takes a submitted job, and the job it becomes.
public sealed partial class JobEmulatorEngine
{
    /// <summary>
    /// Creates a job for <paramref name="submission"/>, sent with <paramref name="credential"/>, created at <paramref name="now"/>.
    /// It belongs to the first loaded scenario of <paramref name="dialect"/>, in load order, that declares
    /// <c>submitted_jobs</c>, whose auth accepts the credential and one of whose templates fits; it follows that
    /// template and gets a vendor-shaped id drawn from the scenario's seed and the submission's number. When no such
    /// scenario takes it, any credential a loaded scenario of the dialect accepts (any at all when none is loaded) may
    /// still submit: the job follows <see cref="SubmittedJobTemplate.Default"/> and belongs to the first scenario that
    /// accepts the credential, so that credential reads it.
    /// </summary>
    internal SubmitOutcome Submit(Dialect dialect, string credential, Submission submission, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(submission);
        var catalog = Volatile.Read(ref _catalog);
        var stores = Volatile.Read(ref _stores);
        if (RouteSubmission(catalog, stores, dialect, credential, submission) is not var (scenario, template))
        {
            return new SubmitOutcome(null, SubmitRefusal.UnknownCredential);
        }

        if (HasExpired(scenario, credential, now))
        {
            return new SubmitOutcome(null, SubmitRefusal.ExpiredCredential);
        }

        RateDecision? rate = null;
        if (scenario.Limits.RateLimit is { } limit)
        {
            rate = stores.RateLimits.Take(scenario, limit, credential, now);
            if (!rate.Value.Allowed)
            {
                return new SubmitOutcome(null, SubmitRefusal.RateLimited) { RateLimit = rate };
            }
        }

        var jobs = stores.Jobs(dialect)!;
        if (!jobs.MakeRoom(now))
        {
            return new SubmitOutcome(null, SubmitRefusal.Full) { RateLimit = rate };
        }

        if (submission.JobId is { } wanted && (!JobIds.IsUsableInUrls(wanted) || wanted.Length > 200 || jobs.Contains(wanted)))
        {
            return new SubmitOutcome(null, SubmitRefusal.IdUnavailable) { RateLimit = rate };
        }

        if (scenario.Limits.ConcurrentJobs is not { } max)
        {
            return Create(dialect, credential, submission, now, scenario, template, stores, jobs) with { RateLimit = rate };
        }

        SubmitOutcome created = default;
        if (!stores.TryAddLive(scenario, credential, max, now, () => (created = Create(dialect, credential, submission, now, scenario, template, stores, jobs)).Job, out var slotFreesAt))
        {
            var seconds = slotFreesAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - now).TotalSeconds)) : (int?)null;
            return new SubmitOutcome(null, SubmitRefusal.ConcurrentJobs) { RateLimit = rate, ConcurrentJobs = max, SlotFreesInSeconds = seconds };
        }

        return created with { RateLimit = rate };
    }

    private SubmitOutcome Create(Dialect dialect, string credential, Submission submission, DateTimeOffset now, Scenario scenario, SubmittedJobTemplate routed, EngineStores stores, JobStore jobs)
    {
        var number = stores.NextSubmission(scenario);

        // Routing matched the template against the number the submission would get; a concurrent submission to the
        // same scenario may have taken it since, so match again, keeping the routed template if nothing else fits.
        var template = ReferenceEquals(routed, SubmittedJobTemplate.Default) ? routed : scenario.TemplateFor(number, submission) ?? routed;
        for (var i = 0; i < template.Faults.Count; i++)
        {
            var fault = template.Faults[i];
            if (fault.Trigger.Scope == FaultScope.Submissions
                && fault.Trigger.Matches(number, TimeSpan.Zero, fault.Trigger.Probability is null ? 0 : FaultRule.Draw(scenario.Seed, scenario.Name, i, number)))
            {
                return new SubmitOutcome(null, SubmitRefusal.Fault) { Fault = fault };
            }
        }

        var lifecycle = submission.Synchronous ? [template.Lifecycle[^1]] : template.Lifecycle;
        var origin = new JobOrigin(credential, submission.WebhookUrl, submission.WebhookSecret, submission.CallbackMetadata, number) { WebhookHeader = submission.WebhookHeader, WebhookMethod = submission.WebhookMethod };
        for (var attempt = 0; ; attempt++)
        {
            var id = submission.JobId ?? dialect.GenerateJobId(new FakeData(StableHash.Combine(scenario.Seed, dialect.Name, scenario.Name, "submission", number.ToString(System.Globalization.CultureInfo.InvariantCulture), attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            var fields = SubmittedFields(dialect, template, submission);
            var draws = fields is null ? PlainDraws(dialect, scenario.Seed) : new JobDraws(dialect, scenario.Seed, fields);
            var script = new JobScript(id, lifecycle, template.Faults, draws, template.Position, template.Latency);
            var job = new JobRuntime(script, scenario, now, origin);
            if (jobs.TryAdd(job))
            {
                Watch(job, stores);
                return new SubmitOutcome(job, null) { Delay = (scenario.Latency.Submit ?? scenario.Latency.Default)?.Draw(scenario.Seed, scenario.Name + "/submissions", number) };
            }

            if (submission.JobId is not null)
            {
                return new SubmitOutcome(null, SubmitRefusal.IdUnavailable); // taken by a concurrent submission
            }
        }
    }

    /// <summary>True when <paramref name="dialect"/> has room for <paramref name="count"/> more jobs at <paramref name="now"/>, evicting expired and finished jobs if it must.</summary>
    internal bool MakeRoom(Dialect dialect, int count, DateTimeOffset now) => Volatile.Read(ref _stores).Jobs(dialect)!.MakeRoom(now, count);

    /// <summary>Removes <paramref name="job"/> (created by a request that then failed as a whole).</summary>
    internal void Discard(JobRuntime job)
    {
        var stores = Volatile.Read(ref _stores);
        stores.Jobs(job.Scenario.Dialect)?.Remove(job);
        stores.ReleaseLive(job);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Dialect, int), JobDraws> _plainDraws = new();

    // Submitted jobs whose fields are all the seed's defaults share one JobDraws per dialect and seed.
    private JobDraws PlainDraws(Dialect dialect, int seed) => _plainDraws.GetOrAdd((dialect, seed), key => new JobDraws(key.Item1, key.Item2, null));

    // Every job field: drawn from the seed, then the template's scripted values, then what the client sent.
    // The fields the template scripts and the client sent; null where the seed's default is drawn when first shown.
    private static JsonFragment?[]? SubmittedFields(Dialect dialect, SubmittedJobTemplate template, Submission submission)
    {
        JsonFragment?[]? fields = null;
        for (var i = 0; i < dialect.JobFields.Count; i++)
        {
            if (template.Fields.GetValueOrDefault(i) is { } scripted)
            {
                (fields ??= new JsonFragment?[dialect.JobFields.Count])[i] = scripted;
            }
        }

        foreach (var field in dialect.SubmissionFields)
        {
            // What the client sent wins; a documented default only fills what the template leaves unscripted.
            if (field.JobField is { } key && submission.Values.TryGetValue(field.Key, out var value))
            {
                for (var i = 0; i < dialect.JobFields.Count; i++)
                {
                    if (dialect.JobFields[i].Key == key && !(submission.Defaulted.Contains(field.Key) && template.Fields.ContainsKey(i)))
                    {
                        (fields ??= new JsonFragment?[dialect.JobFields.Count])[i] = dialect.JobFields[i].Kind == JobFieldKind.Text || !decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                            ? JsonFragment.Text(value)
                            : JsonFragment.Number(number);
                    }
                }
            }
        }

        return fields;
    }

    /// <summary>The scenario and template a submission goes to (see <see cref="Submit"/>), or null when no loaded scenario of the dialect accepts the credential.</summary>
    private (Scenario Scenario, SubmittedJobTemplate Template)? RouteSubmission(EngineCatalog catalog, EngineStores stores, Dialect dialect, string credential, Submission submission)
    {
        foreach (var scenario in SubmissionTakers(catalog, dialect, credential))
        {
            if (scenario.TemplateFor(stores.PeekSubmission(scenario), submission) is { } template)
            {
                return (scenario, template);
            }
        }

        return ScenarioFor(catalog, dialect, credential) is { } owner ? (owner, SubmittedJobTemplate.Default) : null;
    }

    /// <summary>
    /// The scenario whose webhook endpoints <paramref name="credential"/> registers and reads: the first, in load order,
    /// that takes its submissions (declares <c>submitted_jobs</c> and accepts it), else the first that accepts it, so the
    /// endpoints hear the jobs that credential submits.
    /// </summary>
    internal Scenario? SubmissionOwner(Dialect dialect, string credential)
    {
        var catalog = Volatile.Read(ref _catalog);
        return SubmissionTakers(catalog, dialect, credential).FirstOrDefault() ?? ScenarioFor(catalog, dialect, credential);
    }

    // The scenarios of the dialect, in load order, that take submissions sent with the credential: they declare
    // submitted_jobs and accept it (a declared key, any key without auth, or a token issued for them).
    private IEnumerable<Scenario> SubmissionTakers(EngineCatalog catalog, Dialect dialect, string credential)
    {
        var token = TokenScenario(dialect, credential, Time.GetUtcNow());
        return catalog.Scenarios.Scenarios.Where(scenario => scenario.DeclaresSubmissions
            && SameDialect(scenario.Dialect, dialect)
            && (ReferenceEquals(token, scenario) || scenario.Auth.Accepts(credential)));
    }

    // Submissions to a dialect no loaded scenario speaks: one quiet scenario per dialect, any credential, the default lifecycle.
    private Scenario ImplicitScenario(Dialect dialect) =>
        _implicit.GetOrAdd(dialect.Name, _ => new Scenario($"{dialect.Name}-default", "(no scenario loaded)", dialect, 0, ScenarioAuth.AnyKey, [], dialect.DefaultRetention));
}
