using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;
using JobEmulator.Core.Json;
using JobEmulator.Core.Engine.Scheduling;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Webhooks;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The emulator's state, on one injected clock: an immutable <em>catalog</em> of the loaded scenarios, and
/// long-lived <em>stores</em> for what exists at run time (each dialect's jobs, declared and submitted; the
/// submission counters; webhook subscriptions are kept by their own registry). Reads are lock-free: a lookup
/// reads the current catalog and the store; each job guards only itself.
/// </summary>
/// <remarks>
/// <para>What <see cref="Load"/> and <see cref="Reset"/> keep and drop:</para>
/// <list type="table">
/// <listheader><term>state</term><description><c>Load(scenario)</c> / <c>Reset()</c></description></listheader>
/// <item><term>scenarios (catalog)</term><description>adds the scenario / back to those given at start</description></item>
/// <item><term>declared jobs</term><description>the new scenario's jobs start now, running ones keep polls and progress / all start again now</description></item>
/// <item><term>submitted jobs</term><description>kept / dropped</description></item>
/// <item><term>submission counters (<c>nth</c>, generated ids)</term><description>kept / back to zero</description></item>
/// <item><term>webhook subscriptions and the delivery log</term><description>kept / dropped</description></item>
/// <item><term>scheduled emulator work (deliveries, retries, timed transitions)</term><description>kept / dropped, work in flight cancelled</description></item>
/// <item><term>request journal</term><description>kept / emptied</description></item>
/// <item><term>clock</term><description>untouched / untouched (a test host rewinds its fake clock itself)</description></item>
/// </list>
/// <para>A job submitted while a <c>Load</c> runs is never lost (the store is not rebuilt); one submitted while
/// a <c>Reset</c> runs lands on one side of it: kept if after, dropped with the rest if before.</para>
/// </remarks>
public sealed partial class JobEmulatorEngine : IDisposable
{
    private readonly Lock _writeGate = new();
    private ScenarioSet _initial;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Scenario> _implicit = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpWebhookTransport? _ownedTransport;
    private IJobObserver[] _observers;
    private EngineCatalog _catalog;
    private EngineStores _stores;

    /// <summary>Creates the engine with the jobs of <paramref name="scenarios"/>, created now on <paramref name="time"/>.</summary>
    /// <param name="scenarios">The scenarios loaded at start; <see cref="Reset"/> returns to exactly these.</param>
    /// <param name="time">The clock every lifecycle reads.</param>
    /// <param name="dialects">The dialects served (default: the scenarios', <see cref="ScenarioSet.Dialects"/>: the built-in ones and any defined in the files loaded with them).</param>
    /// <param name="journal">Where answered requests are recorded (default: the last <see cref="RequestJournal.DefaultCapacity"/>).</param>
    /// <param name="options">Limits (default: <see cref="JobEmulatorEngineOptions"/>'s defaults).</param>
    public JobEmulatorEngine(ScenarioSet scenarios, TimeProvider time, DialectCatalog? dialects = null, RequestJournal? journal = null, JobEmulatorEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _dialects = dialects ?? scenarios.Dialects;
        Journal = journal ?? new RequestJournal();
        Options = options ?? new JobEmulatorEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxJobsPerDialect, 1, nameof(options));
        foreach (var scenario in scenarios.Scenarios)
        {
            EnsureServed(scenario, nameof(scenarios));
        }

        _initial = scenarios;
        _catalog = EngineCatalog.Create(Dialects, scenarios, time.GetUtcNow());
        _stores = new EngineStores(Dialects, Options.MaxJobsPerDialect);
        Scheduler = new EmulatorScheduler(time);
        _ownedTransport = Options.WebhookTransport is null ? new HttpWebhookTransport() : null;
        Webhooks = new WebhookDeliveries(this, Options.WebhookTransport ?? _ownedTransport!, Options.WebhookLimits.Validate(), Options.Warnings);
        _observers = [Webhooks];
        AddDeclaredJobs(_stores, scenarios.Scenarios, time.GetUtcNow());
    }

    /// <summary>The clock every lifecycle reads.</summary>
    public TimeProvider Time { get; }


    /// <summary>The requests answered, most recent last.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The limits the engine runs with.</summary>
    public JobEmulatorEngineOptions Options { get; }

    /// <summary>Webhook deliveries: every attempt, and the endpoints clients registered.</summary>
    internal WebhookDeliveries Webhooks { get; }

    /// <summary>
    /// Every webhook attempt made, oldest first (at most <see cref="WebhookDeliveries.LogCapacity"/>): when on the
    /// emulator's clock, to which URL, which event, which attempt, and its status or error.
    /// </summary>
    public IReadOnlyList<WebhookAttempt> WebhookAttempts => Webhooks.Attempts;

    /// <summary>Where everything the emulator does by itself waits for its instant.</summary>
    public EmulatorScheduler Scheduler { get; }

    /// <summary>The scenarios loaded now: those given at start plus any <see cref="Load"/>ed since the last reset.</summary>
    public ScenarioSet Scenarios => Volatile.Read(ref _catalog).Scenarios;

    /// <summary>How many jobs exist across all dialects.</summary>
    public int JobCount => Volatile.Read(ref _stores).JobCount;

    /// <summary>The job <paramref name="id"/> of <paramref name="dialect"/>, or null.</summary>
    internal JobRuntime? FindJob(Dialect dialect, string id)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(id);
        return Volatile.Read(ref _stores).Jobs(dialect)?.Find(id);
    }

    /// <summary>Every live job of <paramref name="dialect"/>, in no particular order.</summary>
    internal IEnumerable<JobRuntime> JobsOf(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Volatile.Read(ref _stores).Jobs(dialect)?.Jobs ?? [];
    }

    /// <summary>True when some loaded scenario of <paramref name="dialect"/> accepts <paramref name="credential"/>, or it is a token the emulator issued that is still valid.</summary>
    internal bool IsKnownCredential(Dialect dialect, string credential)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(credential);
        return Volatile.Read(ref _catalog).Accepts(dialect, credential)
            || TokenScenario(dialect, credential, Time.GetUtcNow()) is not null;
    }

    /// <summary>True when <paramref name="credential"/> opens <paramref name="scenario"/>'s jobs at <paramref name="now"/>: a declared key (any, without <c>auth</c>), or a token issued for it and not expired.</summary>
    internal bool Opens(Scenario scenario, string credential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(credential);
        return (scenario.Auth.Accepts(credential) && !HasExpired(scenario, credential, now))
            || ReferenceEquals(Volatile.Read(ref _stores).Tokens.ScenarioOf(credential, now), scenario);
    }

    /// <summary>True when <paramref name="credential"/> is one of <paramref name="scenario"/>'s keys and has expired by <paramref name="now"/> (<c>expires_after</c> counts from the scenario's load).</summary>
    internal bool HasExpired(Scenario scenario, string credential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Auth.ExpiresAt(credential, Volatile.Read(ref _catalog).LoadedAt(scenario)) is { } expiry && now >= expiry;
    }

    /// <summary>
    /// Issues an access token for the application <paramref name="appId"/>/<paramref name="appSecret"/> of <paramref name="dialect"/>,
    /// valid for <paramref name="lifetime"/> on the emulator's clock: for the first scenario (in load order) that declares
    /// the app, else the first without <c>auth</c>; null when none would accept it.
    /// </summary>
    internal string? IssueToken(Dialect dialect, string appId, string appSecret, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(appSecret);
        var catalog = Volatile.Read(ref _catalog);
        var mine = catalog.Scenarios.Scenarios.Where(s => SameDialect(s.Dialect, dialect)).ToList();
        var scenario = mine.FirstOrDefault(s => s.Auth.HasApp(appId, appSecret))
            ?? mine.FirstOrDefault(s => s.Auth.IsOpen)
            ?? (mine.Count == 0 ? ImplicitScenario(dialect) : null);
        if (scenario is null)
        {
            return null;
        }

        var stores = Volatile.Read(ref _stores);
        var number = stores.NextToken(scenario);
        var token = dialect.GenerateToken(new FakeData(StableHash.Combine(scenario.Seed, dialect.Name, scenario.Name, "token", number.ToString(System.Globalization.CultureInfo.InvariantCulture))), appId, now, now + lifetime);
        stores.Tokens.Add(token, scenario, now, now + lifetime);
        return token;
    }

    /// <summary>Answers one status poll of <paramref name="job"/> at <paramref name="now"/>, counting it exactly once, and announces any transition it caused.</summary>
    internal PollOutcome Poll(JobRuntime job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outcome = job.Poll(now);
        if (job.HasTransitions)
        {
            Announce(job);
        }

        return outcome;
    }

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
        var origin = new JobOrigin(credential, submission.WebhookUrl, submission.WebhookSecret, submission.CallbackMetadata, number) { WebhookHeader = submission.WebhookHeader };
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

    /// <summary>
    /// Registers <paramref name="observer"/> for every job's transitions. Jobs it observes have their timed steps
    /// woken on the <see cref="Scheduler"/> at their exact instants, so it hears of them with nobody polling.
    /// </summary>
    internal void AddObserver(IJobObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_writeGate)
        {
            Volatile.Write(ref _observers, [.. _observers, observer]);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="job"/>'s next timed step is woken on the scheduler if an observer now cares
    /// (call it when a subscription that covers existing jobs is added).
    /// </summary>
    internal void Watch(JobRuntime job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Watch(job, Volatile.Read(ref _stores));
    }

    /// <summary>The jobs of <paramref name="scenario"/> that already exist now have a subscriber: wakes their timed steps at their instants.</summary>
    internal void WatchJobsOf(Scenario scenario)
    {
        foreach (var job in JobsOf(scenario.Dialect))
        {
            if (ReferenceEquals(job.Scenario, scenario))
            {
                Watch(job);
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Dialect, int), JobDraws> _plainDraws = new();

    // Submitted jobs whose fields are all the seed's defaults share one JobDraws per dialect and seed.
    private JobDraws PlainDraws(Dialect dialect, int seed) => _plainDraws.GetOrAdd((dialect, seed), key => new JobDraws(key.Item1, key.Item2, null));

    private void Watch(JobRuntime job, EngineStores stores)
    {
        var observed = IsObserved(job);
        job.KeepTransitions(observed);
        if (observed && job.ClaimDeadline(out var deadline))
        {
            Scheduler.Schedule(deadline, (due, _) =>
            {
                // A reset since then replaced the stores: this job no longer exists.
                if (ReferenceEquals(stores, Volatile.Read(ref _stores)))
                {
                    job.AdvanceTo(due);
                    Announce(job, stores);
                }

                return ValueTask.CompletedTask;
            });
        }
    }

    /// <summary>
    /// Adds <paramref name="scenario"/>'s jobs, created now on the clock, beside the jobs already running
    /// (whose poll counts and progress are kept) and beside every submitted job.
    /// </summary>
    /// <exception cref="ScenarioValidationException">One of its job ids is already used in its dialect.</exception>
    /// <exception cref="ArgumentException">Its dialect is not served by this engine.</exception>
    public void Load(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        EnsureServed(scenario, nameof(scenario));

        lock (_writeGate)
        {
            var current = _catalog;
            var scenarios = ScenarioSet.Create([.. current.Scenarios.Scenarios, scenario]);
            var stores = _stores;
            var taken = scenario.Jobs.Where(job => stores.Jobs(scenario.Dialect)!.Contains(job.Id)).Select(job =>
                new ScenarioError(scenario.Source, job.Position, $"job id '{job.Id}' is already used by a live {scenario.Dialect.Name} job (a submitted one); ids must be unique within a dialect")).ToList();
            if (taken.Count > 0)
            {
                throw new ScenarioValidationException(taken);
            }

            EnsureRoom(stores, scenario);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, scenarios, Time.GetUtcNow(), current));
            AddDeclaredJobs(stores, [scenario], Time.GetUtcNow());
        }
    }

    /// <summary>
    /// Removes the loaded scenario named <paramref name="name"/> and every job of it, declared and submitted; false when
    /// none is loaded by that name. Its scheduled work finds its jobs gone and does nothing.
    /// </summary>
    public bool Unload(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_writeGate)
        {
            var current = _catalog;
            var scenario = current.Scenarios.Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
            if (scenario is null)
            {
                return false;
            }

            var kept = ScenarioSet.Create(current.Scenarios.Scenarios.Where(s => !ReferenceEquals(s, scenario)));
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, kept, Time.GetUtcNow(), current));
            _stores.Jobs(scenario.Dialect)!.RemoveScenarios(s => ReferenceEquals(s, scenario));
            return true;
        }
    }

    /// <summary>
    /// Puts <paramref name="scenario"/> in place of the loaded scenario from the same <see cref="Scenario.Source"/> (a
    /// watched file that changed), or adds it: the old one's jobs, declared and submitted, go, and the new one's start
    /// now; every other scenario's jobs keep running. The scenarios a <see cref="Reset"/> returns to change the same way.
    /// </summary>
    /// <exception cref="ScenarioValidationException">Its job ids clash with another loaded scenario's; nothing changed.</exception>
    public void Replace(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        EnsureServed(scenario, nameof(scenario));
        lock (_writeGate)
        {
            var current = _catalog;
            var others = current.Scenarios.Scenarios.Where(s => s.Source != scenario.Source).ToList();
            var scenarios = ScenarioSet.Create([.. others, scenario]);
            var initial = ScenarioSet.Create([.. _initial.Scenarios.Where(s => s.Source != scenario.Source), scenario]);
            EnsureRoom(_stores, scenario);
            RemoveJobsOfSource(scenario.Source);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, scenarios, Time.GetUtcNow(), current));
            _initial = initial;
            AddDeclaredJobs(_stores, [scenario], Time.GetUtcNow());
        }
    }

    /// <summary>Unloads the scenario from <paramref name="source"/> (a watched file that was removed), with its jobs; false when none is loaded from there.</summary>
    public bool UnloadSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_writeGate)
        {
            var current = _catalog;
            if (!current.Scenarios.Scenarios.Any(s => s.Source == source))
            {
                return false;
            }

            RemoveJobsOfSource(source);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, ScenarioSet.Create(current.Scenarios.Scenarios.Where(s => s.Source != source)), Time.GetUtcNow(), current));
            _initial = ScenarioSet.Create(_initial.Scenarios.Where(s => s.Source != source));
            return true;
        }
    }

    private void RemoveJobsOfSource(string source)
    {
        foreach (var dialect in Dialects.All)
        {
            _stores.Jobs(dialect)!.RemoveScenarios(s => s.Source == source);
        }
    }

    /// <summary>Moves <paramref name="job"/> on by hand (<see cref="JobRuntime.ForceAdvance"/>) and announces the transition.</summary>
    internal bool Advance(JobRuntime job, JobStatus? to = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.ForceAdvance(Time.GetUtcNow(), to))
        {
            return false;
        }

        Announce(job);
        return true;
    }

    /// <summary>Cancels <paramref name="job"/> at <paramref name="now"/> (<see cref="JobRuntime.Cancel"/>) and announces the transition; false when it had finished.</summary>
    internal bool Cancel(JobRuntime job, IReadOnlyList<LifecycleStep> steps, DateTimeOffset now)
    {
        if (!job.Cancel(now, steps))
        {
            return false;
        }

        Announce(job);
        return true;
    }

    /// <summary>When <paramref name="scenario"/> was loaded on the emulator's clock.</summary>
    public DateTimeOffset LoadedAt(Scenario scenario) => Volatile.Read(ref _catalog).LoadedAt(scenario);

    /// <summary>
    /// Returns to the scenarios given at start, every declared job new again (created now on the clock, no polls
    /// counted); drops submitted jobs, submission counters and scheduled work, and empties the journal.
    /// </summary>
    public void Reset() => StartOver(() => _initial);

    /// <summary>
    /// Starts every loaded scenario again without unloading any (what <c>POST /__admin/reset</c> does): every declared
    /// job new, created now, and the scenarios' key expiries counted from now; like <see cref="Reset"/>, it drops
    /// submitted jobs, counters, tokens, webhook endpoints, scheduled work and the journal.
    /// </summary>
    public void Restart() => StartOver(() => _catalog.Scenarios);

    // Reset and Restart: the given scenarios, every declared job new as of now, and nothing clients created.
    private void StartOver(Func<ScenarioSet> scenarios)
    {
        lock (_writeGate)
        {
            // New stores first, then drop the old ones' scheduled work: anything of theirs that still runs finds
            // its job no longer current (IsCurrent) and announces nothing.
            var set = scenarios();
            var now = Time.GetUtcNow();
            var stores = new EngineStores(Dialects, Options.MaxJobsPerDialect);
            Volatile.Write(ref _catalog, EngineCatalog.Create(Dialects, set, now));
            Volatile.Write(ref _stores, stores);
            Scheduler.Clear();
            AddDeclaredJobs(stores, set.Scenarios, now);
            Webhooks.Clear();
            Journal.Clear();
        }
    }

    /// <summary>Stops the scheduler (nothing scheduled runs after this) and closes the webhook connections the engine owns.</summary>
    public void Dispose()
    {
        Scheduler.Dispose();
        _ownedTransport?.Dispose();
    }

    internal EngineStores Stores => Volatile.Read(ref _stores);

    internal EngineCatalog Catalog => Volatile.Read(ref _catalog);

    /// <summary>Hands <paramref name="job"/>'s pending transitions to every observer, then wakes its next timed step if observed.</summary>
    internal void Announce(JobRuntime job) => Announce(job, Volatile.Read(ref _stores));

    /// <summary>True while <paramref name="job"/> is live in the current stores (not replaced by a reset, nor evicted).</summary>
    internal bool IsCurrent(JobRuntime job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ReferenceEquals(Volatile.Read(ref _stores).Jobs(job.Scenario.Dialect)?.Find(job.Script.Id), job);
    }

    private void Announce(JobRuntime job, EngineStores stores)
    {
        // A job of stores a reset replaced (polled, or woken, across the reset) announces nothing and is not watched again.
        if (!ReferenceEquals(stores.Jobs(job.Scenario.Dialect)?.Find(job.Script.Id), job))
        {
            job.TakeTransitions();
            return;
        }

        var transitions = job.TakeTransitions();
        if (transitions.Count > 0)
        {
            foreach (var observer in Observers())
            {
                observer.OnTransitions(job, transitions);
            }
        }

        Watch(job, stores);
    }

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

    /// <summary>
    /// The scenario what <paramref name="credential"/> creates in <paramref name="dialect"/> belongs to: the first loaded one
    /// whose auth accepts it; with no scenario of the dialect loaded, the dialect's quiet default; null when scenarios of the
    /// dialect are loaded and none accepts it.
    /// </summary>
    internal Scenario? ScenarioFor(Dialect dialect, string credential) => ScenarioFor(Volatile.Read(ref _catalog), dialect, credential);

    private Scenario? ScenarioFor(EngineCatalog catalog, Dialect dialect, string credential) =>
        TokenScenario(dialect, credential, Time.GetUtcNow())
        ?? catalog.ScenarioFor(dialect, credential)
        ?? (catalog.Scenarios.Scenarios.Any(s => s.Dialect.Name.Equals(dialect.Name, StringComparison.OrdinalIgnoreCase)) ? null : ImplicitScenario(dialect));

    // A token opens only the dialect it was issued in.
    private Scenario? TokenScenario(Dialect dialect, string credential, DateTimeOffset now) =>
        Volatile.Read(ref _stores).Tokens.ScenarioOf(credential, now) is { } issued && SameDialect(issued.Dialect, dialect) ? issued : null;

    private static bool SameDialect(Dialect a, Dialect b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

    // Submissions to a dialect no loaded scenario speaks: one quiet scenario per dialect, any credential, the default lifecycle.
    private Scenario ImplicitScenario(Dialect dialect) =>
        _implicit.GetOrAdd(dialect.Name, _ => new Scenario($"{dialect.Name}-default", "(no scenario loaded)", dialect, 0, ScenarioAuth.AnyKey, [], dialect.DefaultRetention));

    private bool IsObserved(JobRuntime job)
    {
        foreach (var observer in Observers())
        {
            if (observer.Observes(job))
            {
                return true;
            }
        }

        return false;
    }

    private IJobObserver[] Observers() => Volatile.Read(ref _observers);

    private void AddDeclaredJobs(EngineStores stores, IEnumerable<Scenario> scenarios, DateTimeOffset now)
    {
        foreach (var scenario in scenarios)
        {
            EnsureRoom(stores, scenario);
            var jobs = stores.Jobs(scenario.Dialect)!;
            if (scenario.Jobs.Count > 0 && Observers() is [var only] && ReferenceEquals(only, Webhooks) && !Webhooks.Observes(new JobRuntime(scenario.Jobs[0], scenario, now)))
            {
                // Nobody listens for this scenario's transitions, so nothing needs its jobs live before a request asks:
                // they are kept as scripts and made live, from this instant, when first found.
                jobs.AddDeclared(scenario, now);
                continue;
            }

            foreach (var script in scenario.Jobs)
            {
                var job = new JobRuntime(script, scenario, now);
                jobs.TryAdd(job);
                Watch(job, stores);
            }
        }
    }

    private static void EnsureRoom(EngineStores stores, Scenario scenario)
    {
        var jobs = stores.Jobs(scenario.Dialect)!;
        if (jobs.Count + scenario.Jobs.Count > jobs.Capacity)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) would bring {scenario.Dialect.Name} to {jobs.Count + scenario.Jobs.Count} jobs; this engine keeps at most {jobs.Capacity} per dialect (MaxJobsPerDialect).", nameof(scenario));
        }
    }

    private void EnsureServed(Scenario scenario, string parameter)
    {
        if (Dialects.Find(scenario.Dialect.Name) is not { } served)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) speaks dialect '{scenario.Dialect.Name}', which this engine does not serve.", parameter);
        }

        if (!ReferenceEquals(served, scenario.Dialect))
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' ({scenario.Source}) was read for another definition of dialect '{scenario.Dialect.Name}' than the one served now (it was loaded again since); read it with the engine's dialects (new ScenarioLoader(engine.Dialects)).", parameter);
        }
    }
}
