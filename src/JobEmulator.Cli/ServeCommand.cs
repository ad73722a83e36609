using System.CommandLine;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using JobEmulator.Server;
using Microsoft.Extensions.DependencyInjection;

namespace JobEmulator.Cli;

/// <summary><c>jobemu serve [FILES|FOLDERS…] --port N [--host ADDR]</c>: serves every dialect until stopped.</summary>
internal static partial class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Scenario files, or folders searched for *.yaml and *.yml (dialect definitions, 'kind: dialect', among them); default $JOBEMU_SCENARIOS",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "TCP port to listen on (0 picks a free one); default $JOBEMU_PORT, else 8080",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_PORT", 0, 65535, "a port from 0 to 65535") ?? 8080,
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on: an IP address or 'localhost' (0.0.0.0 for all interfaces, e.g. in a container); default $JOBEMU_HOST, else 127.0.0.1",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("JOBEMU_HOST") ?? "127.0.0.1",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "text (one line per request) or json (JSON console lines, for log collectors); default $JOBEMU_LOG_FORMAT, else text",
            DefaultValueFactory = result => ChoiceFromEnvironment(result, "JOBEMU_LOG_FORMAT", "text", "json"),
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var requestLog = new Option<string>("--request-log")
        {
            Description = "on (one line per request, written in batches off the request thread) or off (warnings and errors only); default $JOBEMU_REQUEST_LOG, else on",
            DefaultValueFactory = result => ChoiceFromEnvironment(result, "JOBEMU_REQUEST_LOG", "on", "off"),
        };
        requestLog.AcceptOnlyFromAmong("on", "off");
        var clock = new Option<string>("--clock")
        {
            Description = "system (the wall clock), or manual (moves only through POST /__admin/clock/advance and /clock/set)",
            DefaultValueFactory = result => ChoiceFromEnvironment(result, "JOBEMU_CLOCK", "system", "manual"),
        };
        clock.AcceptOnlyFromAmong("system", "manual");
        var scale = new Option<double?>("--clock-scale")
        {
            Description = "Run emulator time N times faster than the wall clock (a 20-minute job takes 20 s at 60); Retry-After and latency scale too; default $JOBEMU_CLOCK_SCALE",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_CLOCK_SCALE", double.Epsilon, 1_000_000d, "a factor more than 0, up to 1000000 (60 runs a minute per second)"),
        };
        var clockStart = new Option<DateTimeOffset?>("--clock-start")
        {
            Description = "The first instant of a manual or scaled clock, such as 2025-01-01T00:00:00Z (fixed dates for tests and examples); default $JOBEMU_CLOCK_START, else the wall clock's time",
            DefaultValueFactory = result => InstantFromEnvironment(result, "JOBEMU_CLOCK_START"),
            CustomParser = result => ParseInstant(result, result.Tokens[0].Value, "--clock-start"),
        };
        var webhookConcurrency = new Option<int>("--webhook-concurrency")
        {
            Description = $"Webhook attempts in flight at once, to all receivers; default $JOBEMU_WEBHOOK_CONCURRENCY, else {Core.Webhooks.WebhookLimits.Default.Concurrency}",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_WEBHOOK_CONCURRENCY", 1, 10_000, "a count from 1 to 10000") ?? Core.Webhooks.WebhookLimits.Default.Concurrency,
        };
        var webhookPerReceiver = new Option<int>("--webhook-concurrency-per-receiver")
        {
            Description = $"Webhook attempts in flight at once to one receiver (scheme, host and port); default $JOBEMU_WEBHOOK_CONCURRENCY_PER_RECEIVER, else {Core.Webhooks.WebhookLimits.Default.ConcurrencyPerReceiver}",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_WEBHOOK_CONCURRENCY_PER_RECEIVER", 1, 10_000, "a count from 1 to 10000") ?? Core.Webhooks.WebhookLimits.Default.ConcurrencyPerReceiver,
        };
        var webhookBacklog = new Option<int>("--webhook-backlog")
        {
            Description = $"Webhook attempts that may wait for a slot; past it the oldest is dropped and recorded; default $JOBEMU_WEBHOOK_BACKLOG, else {Core.Webhooks.WebhookLimits.Default.Backlog}",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_WEBHOOK_BACKLOG", 1, 10_000_000, "a count from 1 to 10000000") ?? Core.Webhooks.WebhookLimits.Default.Backlog,
        };
        var journal = new Option<int>("--journal")
        {
            Description = "How many recent requests GET /__admin/requests keeps (0 turns the journal off); default $JOBEMU_JOURNAL, else 1000",
            DefaultValueFactory = result => NumberFromEnvironment(result, "JOBEMU_JOURNAL", 0, RequestJournal.MaxCapacity, $"a count from 0 to {RequestJournal.MaxCapacity}") ?? RequestJournal.DefaultCapacity,
        };
        var token = new Option<string?>("--admin-token")
        {
            Description = "A token every admin route but health then needs (Authorization: Bearer <token>); default: $JOBEMU_ADMIN_TOKEN, else none",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("JOBEMU_ADMIN_TOKEN"),
        };
        var watch = new Option<bool>("--watch")
        {
            Description = "Reload scenario files as they change; a file that fails validation keeps its last good version (also $JOBEMU_WATCH=true)",
            DefaultValueFactory = result => ChoiceFromEnvironment(result, "JOBEMU_WATCH", "false", "true") == "true",
        };
        var command = new Command("serve", "Serve scenarios over HTTP: every operation of the five built-in dialects (and of any dialect defined in a 'kind: dialect' file among the paths or $JOBEMU_DIALECTS), plus the admin API under /__admin:" + Environment.NewLine + Routes() + Environment.NewLine + Environment.NewLine +
            "Example: jobemu serve scenarios --port 8080 --clock manual") { paths, port, host, clock, scale, clockStart, webhookConcurrency, webhookPerReceiver, webhookBacklog, journal, token, watch, logFormat, requestLog };
        command.SetAction((parse, cancellation) => RunAsync(
            new ServeSettings(
                [.. parse.GetValue(paths) is { Length: > 0 } given ? given : ScenariosFromEnvironment(), .. DialectsFromEnvironment()],
                parse.GetValue(port),
                parse.GetValue(host) ?? "127.0.0.1",
                parse.GetValue(clock) ?? "system",
                parse.GetValue(scale),
                parse.GetValue(clockStart),
                new Core.Webhooks.WebhookLimits(parse.GetValue(webhookConcurrency), parse.GetValue(webhookPerReceiver), parse.GetValue(webhookBacklog)),
                parse.GetValue(journal),
                parse.GetValue(token),
                parse.GetValue(watch),
                parse.GetValue(logFormat) == "json",
                parse.GetValue(requestLog) != "off"),
            output,
            errors,
            cancellation));
        return command;
    }

    // The routes, as every host serves them: read from the dialects' operation tables.
    private static string Routes() => string.Join(
        Environment.NewLine,
        new Core.Scenarios.ScenarioLoader().Dialects.All.SelectMany(dialect => dialect.Operations.Select(operation =>
            $"  {dialect.Name,-12} {operation.Method,-6} {operation.Route,-44} {operation.Summary}")));

    private sealed record ServeSettings(string[] Paths, int Port, string Host, string Clock, double? Scale, DateTimeOffset? ClockStart, Core.Webhooks.WebhookLimits Webhooks, int Journal, string? AdminToken, bool Watch, bool JsonLogs, bool LogRequests);

    private static async Task<int> RunAsync(ServeSettings settings, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        var (paths, port, host) = (settings.Paths, settings.Port, settings.Host);
        if (settings.Scale is { } factor && (factor <= 0 || settings.Clock == "manual"))
        {
            errors.WriteLine(factor <= 0 ? "--clock-scale must be more than 0" : "--clock-scale runs the wall clock faster; it does not go with --clock manual");
            return ExitCodes.InvalidUsage;
        }

        if (settings.Webhooks is { Concurrency: < 1 } or { ConcurrencyPerReceiver: < 1 } or { Backlog: < 1 })
        {
            errors.WriteLine("--webhook-concurrency, --webhook-concurrency-per-receiver and --webhook-backlog must each be at least 1");
            return ExitCodes.InvalidUsage;
        }

        if (settings.Journal is < 0 or > RequestJournal.MaxCapacity)
        {
            errors.WriteLine($"--journal must be from 0 to {RequestJournal.MaxCapacity}");
            return ExitCodes.InvalidUsage;
        }

        if (settings.ClockStart is not null && settings.Clock != "manual" && settings.Scale is null)
        {
            errors.WriteLine("--clock-start sets where a manual or scaled clock begins; add --clock manual or --clock-scale N (the system clock reads the wall clock)");
            return ExitCodes.InvalidUsage;
        }

        TimeProvider time = settings.Clock == "manual"
            ? new Core.Clocks.ManualClock(settings.ClockStart ?? TimeProvider.System.GetUtcNow())
            : settings.Scale is { } scale ? new Core.Clocks.ScaledClock(scale, start: settings.ClockStart) : TimeProvider.System;
        var options = new JobEmulatorServerOptions { WebhookLimits = settings.Webhooks, Host = host, Port = port, JournalCapacity = settings.Journal, TimeProvider = time, AdminToken = settings.AdminToken, Watch = settings.Watch, JsonLogs = settings.JsonLogs, LogRequests = settings.LogRequests };
        foreach (var path in paths)
        {
            options.ScenarioPaths.Add(path);
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = JobEmulatorApp.Build(options);
        }
        catch (ScenarioValidationException ex)
        {
            errors.WriteLine(ex.Message);
            return ExitCodes.InvalidScenario;
        }
        catch (ArgumentException ex)
        {
            // The message is for people: without .NET's " (Parameter 'options')" suffix.
            errors.WriteLine(ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message);
            return ExitCodes.CannotStart;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellation);
            }
            catch (IOException ex)
            {
                errors.WriteLine($"cannot listen on {host}:{port}: {ex.Message}");
                return ExitCodes.CannotStart;
            }

            // Reading YAML allocates many times the catalog it builds (a 100,000-job file: about 800 MB, of which
            // 40 MB stays). After a large load, compact once before serving, so that the memory the collector took for
            // it goes back to the OS instead of staying in the footprint for the process's life; a small load (well under
            // 256 MB allocated, start-up included) costs no start-up time.
            if (GC.GetTotalAllocatedBytes() > 256L * 1024 * 1024)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            PrintBanner(app, output);
            foreach (var empty in ScenarioLoader.EmptyFolders(paths))
            {
                errors.WriteLine($"warning: {empty} holds no *.yaml or *.yml scenario files; serving none from it until scenarios arrive (POST /__admin/scenarios{(settings.Watch ? ", or a file added there" : string.Empty)})");
            }

            if (paths.Length == 0)
            {
                errors.WriteLine("note: no scenario files or folders given, so every job id answers 404 (try: jobemu serve scenarios)");
            }

            try
            {
                await IdleCompaction.RunAsync(cancellation);
                cancellation.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop gracefully below.
            }

            // SIGTERM: stop taking requests, let those in flight finish and the webhook deliveries under way land,
            // sharing one 4 s grace, so the process is gone within 5 s of the signal (a container runtime's usual grace is 10 s).
            // Deliveries run on while requests drain; whatever budget the requests leave is theirs.
            using var grace = new CancellationTokenSource(ShutdownGrace, TimeProvider.System);
            try
            {
                await app.StopAsync(grace.Token);
                await app.Services.GetRequiredService<JobEmulatorEngine>().Scheduler.WhenIdleAsync().WaitAsync(grace.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                errors.WriteLine($"stopped before everything in flight had finished ({ShutdownGrace.TotalSeconds:0.#} s grace)");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>How long a stop waits for requests in flight and webhook deliveries under way, together.</summary>
    internal static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(4);

    private static void PrintBanner(Microsoft.AspNetCore.Builder.WebApplication app, TextWriter output)
    {
        var engine = app.Services.GetRequiredService<JobEmulatorEngine>();
        var address = JobEmulatorApp.BaseAddress(app).ToString().TrimEnd('/');
        output.WriteLine($"JobEmulator listening on {address} ({engine.Scenarios.Scenarios.Count} scenarios, {engine.JobCount} jobs)");
        foreach (var dialect in engine.Dialects.All)
        {
            foreach (var operation in dialect.Operations)
            {
                output.WriteLine($"  {dialect.Name,-12} {operation.Method,-6} {address}{operation.Route}   [{operation.CredentialDescription}]");
            }
        }

        output.WriteLine($"  {"admin",-12} {"GET",-6} {address}/__admin/health   (and /__admin/scenarios, jobs, clock, requests, webhooks, reset)");
        foreach (var line in SubmissionRouting.Describe(engine.Scenarios.Scenarios))
        {
            output.WriteLine(line);
        }

        output.WriteLine(engine.Time switch
        {
            Core.Clocks.ManualClock => "clock: manual; move it with POST /__admin/clock/advance {\"by\":\"30s\"}",
            Core.Clocks.ScaledClock scaled => $"clock: {scaled.Scale:0.###} times faster than the wall clock",
            _ => "clock: system",
        });
        output.Flush();
    }
}
