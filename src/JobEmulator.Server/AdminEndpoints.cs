using System.Text;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JobEmulator.Server;

/// <summary>
/// The admin API under <c>/__admin/</c>: scenarios, jobs, the clock, the request journal, webhook deliveries and
/// reset, for tests that drive a running emulator from another process. With a token, every route but
/// <c>health</c> needs <c>Authorization: Bearer &lt;token&gt;</c> (or <c>X-Admin-Token</c>); vendor routes never do.
/// </summary>
public static partial class AdminEndpoints
{
    /// <summary>The largest scenario or job body accepted (1 MiB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps the admin API (health is mapped by <c>MapJobEmulator</c>), guarded by <paramref name="token"/> when it is set.</summary>
    public static IEndpointRouteBuilder MapJobEmulatorAdmin(this IEndpointRouteBuilder endpoints, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var engine = endpoints.ServiceProvider.GetRequiredService<JobEmulatorEngine>();
        // The filter is added as its own statement: chained onto MapGroup, the Request Delegate Generator (which compiles
        // these handlers at build time instead of at the first request) does not recognise the group's MapGet calls.
        var admin = endpoints.MapGroup("/__admin");
        admin.AddEndpointFilter(async (context, next) =>
            token is null || Authorized(context.HttpContext.Request, token)
                ? await next(context).ConfigureAwait(false)
                : Results.Json(new AdminError("The admin API needs the admin token: Authorization: Bearer <token> (or X-Admin-Token)."), ServerJsonContext.Readable.AdminError, statusCode: 401));

        // A body Kestrel cannot read (a chunk size that is not hex, a body past its limit) is the client's error, as on
        // the vendor routes: 400 (or Kestrel's own 413) with what was wrong, never an unscripted 500.
        admin.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
            {
                return Results.Json(new AdminError("The request body could not be read: " + ex.Message), ServerJsonContext.Readable.AdminError, statusCode: ex.StatusCode);
            }
            catch (IOException ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                // Kestrel reports a chunk size too large for its arithmetic (FFFFFFFFFFFFFFFF) as a plain IOException.
                return Results.Json(new AdminError("The request body could not be read: " + ex.Message), ServerJsonContext.Readable.AdminError, statusCode: 400);
            }
        });

        admin.MapGet("/scenarios", () => Results.Json(ScenarioInfos(engine), ServerJsonContext.Readable.IReadOnlyListScenarioInfo));
        admin.MapPost("/scenarios", (HttpRequest request) => LoadScenarioAsync(engine, request));
        admin.MapDelete("/scenarios/{name}", (string name) => engine.Unload(name)
            ? Results.NoContent()
            : Results.Json(new AdminError($"No scenario named '{name}' is loaded."), ServerJsonContext.Readable.AdminError, statusCode: 404));

        AdminDialects.Map(admin, engine);

        admin.MapGet("/jobs", (string? dialect, string? scenario, string? status) => Results.Json(AdminJobs.List(engine, dialect, scenario, status), ServerJsonContext.Readable.IReadOnlyListJobInfo));
        admin.MapPost("/jobs", (HttpRequest request) => CreateJobAsync(engine, request));
        admin.MapGet("/jobs/{dialect}/{id}", (string dialect, string id) => engine.Job(dialect, id) is { } job
            ? Results.Json(AdminJobs.Detail(engine, job), ServerJsonContext.Readable.JobDetail)
            : NotFound(dialect, id));
        admin.MapPost("/jobs/{dialect}/{id}/advance", (string dialect, string id, HttpRequest request) => AdvanceJobAsync(engine, dialect, id, request));

        admin.MapGet("/clock", () => Results.Json(Clock(engine), ServerJsonContext.Readable.ClockInfo));
        admin.MapPost("/clock/advance", (HttpRequest request) => MoveClockAsync(engine, request, set: false));
        admin.MapPost("/clock/set", (HttpRequest request) => MoveClockAsync(engine, request, set: true));

        admin.MapGet("/requests", (string? job, string? path, int? status, DateTimeOffset? since) =>
            Results.Json(AdminJobs.Requests(engine, job, path, status, since), ServerJsonContext.Readable.IReadOnlyListRequestInfo));
        admin.MapDelete("/requests", () =>
        {
            engine.Journal.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/webhooks", () => Results.Json(AdminJobs.Webhooks(engine, null), ServerJsonContext.Readable.IReadOnlyListWebhookAttemptInfo));
        // Every loaded scenario starts again; ?scenarios=start also unloads those loaded since start.
        admin.MapPost("/reset", (string? scenarios) =>
        {
            if (scenarios == "start")
            {
                engine.Reset();
            }
            else
            {
                engine.Restart();
            }

            return Results.NoContent();
        });
        return endpoints;
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var given = request.Headers["X-Admin-Token"].ToString();
        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization[7..].Trim();
        }

        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));
    }

    private static List<ScenarioInfo> ScenarioInfos(JobEmulatorEngine engine) =>
    [
        .. engine.Scenarios.Scenarios.Select(s => new ScenarioInfo(
            s.Name,
            s.Source,
            s.Dialect.Name,
            s.Seed,
            s.JobIds.Count,
            s.SubmittedJobTemplates,
            engine.LoadedAt(s))),
    ];

    // POST /__admin/scenarios: the body is one scenario's YAML; ?name= names its source (default "admin.yaml").
    private static async Task<IResult> LoadScenarioAsync(JobEmulatorEngine engine, HttpRequest request)
    {
        if (await ReadBodyAsync(request).ConfigureAwait(false) is not { } yaml)
        {
            return TooLarge();
        }

        var source = request.Query["name"].ToString() is { Length: > 0 } name ? name : "admin.yaml";
        try
        {
            // Decoded as a scenario file is (UTF-8, or UTF-16/32 with a byte-order mark), so bad bytes are errors with a position.
            var scenario = new ScenarioLoader(engine.Dialects).LoadBytes(yaml.Span, source);
            engine.Load(scenario);
            var info = ScenarioInfos(engine).Last(s => s.Name == scenario.Name);
            return Results.Json(info, ServerJsonContext.Readable.ScenarioInfo, statusCode: 201);
        }
        catch (ScenarioValidationException ex)
        {
            return Invalid(ex);
        }
        catch (ArgumentException ex)
        {
            return Results.Json(new AdminError(ex.Message), ServerJsonContext.Readable.AdminError, statusCode: 400);
        }
    }

    // POST /__admin/jobs?dialect=docurift: one job as in a scenario's 'jobs', in YAML or JSON; loaded as a scenario of one job.
    private static async Task<IResult> CreateJobAsync(JobEmulatorEngine engine, HttpRequest request)
    {
        if (await ReadBodyAsync(request).ConfigureAwait(false) is not { } body)
        {
            return TooLarge();
        }

        try
        {
            var text = ScenarioLoader.DecodeText(body.Span, "admin-job");
            var scenario = AdminJobs.ScenarioOfOneJob(engine, request.Query["dialect"].ToString(), text);
            engine.Load(scenario);
            var job = engine.Job(scenario.Dialect.Name, scenario.JobIds[0])!;
            return Results.Json(AdminJobs.Detail(engine, job), ServerJsonContext.Readable.JobDetail, statusCode: 201);
        }
        catch (ScenarioValidationException ex)
        {
            return Invalid(ex);
        }
    }

    private static async Task<IResult> AdvanceJobAsync(JobEmulatorEngine engine, string dialect, string id, HttpRequest request)
    {
        if (engine.Job(dialect, id) is not { } job)
        {
            return NotFound(dialect, id);
        }

        var body = await ReadJsonAsync(request, ServerJsonContext.Readable.AdvanceJob).ConfigureAwait(false);
        JobStatus? to = null;
        if (body?.To is { } word)
        {
            var words = engine.Dialects.Find(job.Dialect)!.StatusWords;
            if (!words.TryParse(word, out var status))
            {
                return Results.Json(new AdminError($"'{word}' is not a {job.Dialect} status; expected one of: {string.Join(", ", words.Distinct)}"), ServerJsonContext.Readable.AdminError, statusCode: 400);
            }

            to = status;
        }

        return engine.AdvanceJob(job.Dialect, job.Id, to)
            ? Results.Json(AdminJobs.Detail(engine, engine.Job(job.Dialect, job.Id)!), ServerJsonContext.Readable.JobDetail)
            : Results.Json(new AdminError(to is null ? $"Job {id} is finished; it has no next step." : $"Job {id} has no later step with status '{body!.To}'."), ServerJsonContext.Readable.AdminError, statusCode: 409);
    }

    internal static IResult Invalid(ScenarioValidationException ex, string what = "scenario") => Results.Json(
        new AdminError($"Invalid {what} ({ex.Errors.Count} error(s)); nothing was changed.", [.. ex.Errors.Select(e => new ScenarioErrorInfo(e.Source, e.Position.Line, e.Position.Column, e.Message))]),
        ServerJsonContext.Readable.AdminError,
        statusCode: 400);

    private static IResult NotFound(string dialect, string id) =>
        Results.Json(new AdminError($"No {dialect} job '{id}'."), ServerJsonContext.Readable.AdminError, statusCode: 404);

    internal static IResult TooLarge() =>
        Results.Json(new AdminError($"The body is larger than {MaxBodyBytes} bytes."), ServerJsonContext.Readable.AdminError, statusCode: 413);

    // The body as text, refused past MaxBodyBytes while it streams (null).
    private static async Task<string?> ReadTextAsync(HttpRequest request) =>
        await ReadBodyAsync(request).ConfigureAwait(false) is { } body ? Encoding.UTF8.GetString(body.Span) : null;

    // The body's bytes, refused past MaxBodyBytes while it streams (null).
    internal static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var text = await ReadTextAsync(request).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(text, type);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
