using System.Buffers;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>Maps JobEmulator's routes onto an ASP.NET Core app.</summary>
public static class JobEmulatorEndpointRouteBuilderExtensions
{
    /// <summary>The log category of the per-request line.</summary>
    public const string RequestLogCategory = "JobEmulator.Requests";

    /// <summary>
    /// Maps every operation of every dialect (<see cref="Dialect.Operations"/>), those loaded later included, and <c>GET /__admin/health</c>.
    /// The engine is resolved (and the scenarios validated) here, so a broken scenario fails start-up rather
    /// than the first request.
    /// </summary>
    public static IEndpointRouteBuilder MapJobEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var engine = services.GetRequiredService<JobEmulatorEngine>();
        var dispatcher = services.GetRequiredService<OperationDispatcher>();
        var logger = new RequestLines(services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory), services.GetService<RequestLogWriter>());
        // The dialects' routes follow the engine: a dialect loaded while serving is routed from then on.
        var routes = new DialectEndpoints(engine, (dialect, operation) => context => Answer(context, dialect, operation, dispatcher, engine, logger));
        endpoints.DataSources.Add(routes);
        services.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()?.ApplicationStopped.Register(routes.Dispose);

        endpoints.MapGet("/__admin/health", context => AdminResponses.Health(context, engine, logger))
            .WithDisplayName("admin health");
        return endpoints;
    }

    private static Task Answer(HttpContext context, Dialect dialect, DialectOperation operation, OperationDispatcher dispatcher, JobEmulatorEngine engine, RequestLines logger)
    {
        // A status poll renders synchronously into the thread's buffer; anything that awaits (reading an
        // upload) gets a buffer of its own, since it may finish on another thread.
        var buffer = operation.Kind == OperationKind.Status ? ResponseBuffer.Rent() : new ArrayBufferWriter<byte>(1024);
        // A status poll never waits, so it does not ask for RequestAborted: Kestrel makes a token source for whoever does.
        var aborted = operation.Kind == OperationKind.Status ? CancellationToken.None : context.RequestAborted;
        var pending = dispatcher.HandleAsync(dialect, operation, new HttpEmulatorRequest(context.Request), buffer, aborted);
        if (!pending.IsCompletedSuccessfully)
        {
            return AnswerLater(context, buffer, pending, engine, logger);
        }

        var head = pending.Result;
        if (head.Delay is { } delay && delay > TimeSpan.Zero)
        {
            return AnswerAfter(context, Detach(buffer), head, delay, engine, logger);
        }

        // A network fault answers asynchronously: it must not hold on to the thread's buffer either.
        return Write(context, head.Network is null ? buffer : Detach(buffer), head, logger);
    }

    private static async Task AnswerLater(HttpContext context, ArrayBufferWriter<byte> buffer, ValueTask<OperationResponse> pending, JobEmulatorEngine engine, RequestLines logger)
    {
        var head = await pending.ConfigureAwait(false);
        if (head.Delay is { } delay && delay > TimeSpan.Zero)
        {
            await engine.Scheduler.DelayAsync(delay, context.RequestAborted).ConfigureAwait(false);
        }

        await Write(context, buffer, head, logger).ConfigureAwait(false);
    }

    // The scripted latency is waited on the emulator's clock (its scheduler), after the answer is decided.
    private static async Task AnswerAfter(HttpContext context, ArrayBufferWriter<byte> body, OperationResponse head, TimeSpan delay, JobEmulatorEngine engine, RequestLines logger)
    {
        await engine.Scheduler.DelayAsync(delay, context.RequestAborted).ConfigureAwait(false);
        await Write(context, body, head, logger).ConfigureAwait(false);
    }

    // The thread's buffer is reused by the next request on this thread: a delayed answer takes a copy.
    private static ArrayBufferWriter<byte> Detach(ArrayBufferWriter<byte> buffer)
    {
        var copy = new ArrayBufferWriter<byte>(Math.Max(1, buffer.WrittenCount));
        copy.Write(buffer.WrittenSpan);
        return copy;
    }

    private static Task Write(HttpContext context, ArrayBufferWriter<byte> buffer, in OperationResponse head, RequestLines logger)
    {
        if (head.Network is { } network)
        {
            logger.Answered(context.Request, head.JobId, head.StatusCode, head.Outcome);
            return NetworkFaults.ProduceAsync(context, buffer.WrittenMemory, network);
        }

        var response = context.Response;
        response.StatusCode = head.StatusCode;
        response.ContentType = OperationResponse.ContentType;
        head.WriteHeaders(response.Headers, static (headers, name, value) => headers[name] = value);

        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        logger.Answered(context.Request, head.JobId, head.StatusCode, head.Outcome);

        // No abort token: when the client goes away Kestrel completes the pipe, and the flush with it.
        var flush = response.BodyWriter.FlushAsync();
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
