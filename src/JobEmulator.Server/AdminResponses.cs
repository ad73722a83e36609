using System.Buffers;
using System.Text.Json;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Json;
using Microsoft.AspNetCore.Http;

namespace JobEmulator.Server;

/// <summary>The emulator's own (non-vendor) answers: admin health and the "no such route" 404.</summary>
internal static class AdminResponses
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JsonFragment.Encoder };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JsonFragment.Encoder };

    public static Task Health(HttpContext context, JobEmulatorEngine engine, RequestLines logger) =>
        WriteJson(context, StatusCodes.Status200OK, logger, "healthy", w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "healthy");
            w.WriteNumber("scenarios", engine.Scenarios.Scenarios.Count);
            w.WriteNumber("jobs", engine.JobCount);
            w.WriteNumber("scheduled", engine.Scheduler.Pending);
            w.WriteStartArray("dialects");
            foreach (var dialect in engine.Dialects.All)
            {
                w.WriteStringValue(dialect.Name);
            }

            w.WriteEndArray();
            w.WriteString("time", engine.Time.GetUtcNow());
            w.WriteEndObject();
        });

    public static Task NoRoute(HttpContext context, JobEmulatorEngine engine, RequestLines logger, KnownRoutes routes)
    {
        // A client polling the wrong path (or with the wrong method) is exactly what the journal should show.
        var request = context.Request;
        if (routes.MethodsFor(request.Path) is { Count: > 0 } allowed)
        {
            Record(engine, request, StatusCodes.Status405MethodNotAllowed, "wrong-method");
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return WriteJson(context, StatusCodes.Status405MethodNotAllowed, logger, "wrong-method", w =>
            {
                w.WriteStartObject();
                w.WriteString("error", $"JobEmulator answers {request.Path} to {string.Join(" or ", allowed)}, not {request.Method}");
                w.WriteStartArray("allow");
                allowed.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        // Under a path only one vendor's API uses, the vendor's own 404; the routes it has go to the log line.
        if (routes.OwnerOf(request.Path) is { } owner)
        {
            var outcome = $"no-route; {owner.Name} answers {string.Join(", ", owner.Operations.Select(o => o.ToString()))}";
            Record(engine, request, StatusCodes.Status404NotFound, "no-route");
            var now = engine.Time.GetUtcNow();
            return WriteJson(context, StatusCodes.Status404NotFound, logger, outcome, w => owner.WriteRouteNotFound(w, request.Path.Value ?? "/", now, context.TraceIdentifier), indented: false);
        }

        Record(engine, request, StatusCodes.Status404NotFound, "no-route");
        return WriteJson(context, StatusCodes.Status404NotFound, logger, "no-route", w =>
        {
            w.WriteStartObject();
            w.WriteString("error", $"JobEmulator has no route for {context.Request.Method} {context.Request.Path}");
            w.WriteStartArray("routes");
            foreach (var dialect in engine.Dialects.All)
            {
                foreach (var operation in dialect.Operations)
                {
                    w.WriteStringValue($"{operation} ({dialect.Name})");
                }
            }

            w.WriteStringValue("GET /__admin/health");
            w.WriteStringValue("/__admin/{scenarios,dialects,jobs,clock,requests,webhooks,reset} (the admin API; see the README)");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    // A request no operation took: the journal shows it with no dialect, job or credential.
    private static void Record(JobEmulatorEngine engine, HttpRequest request, int statusCode, string outcome) =>
        engine.Journal.Record(engine.Time.GetUtcNow(), request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, null, null, null, statusCode, null, null, outcome);

    private static async Task WriteJson(HttpContext context, int statusCode, RequestLines logger, string outcome, Action<Utf8JsonWriter> write, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        logger.Answered(context.Request, null, statusCode, outcome);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
