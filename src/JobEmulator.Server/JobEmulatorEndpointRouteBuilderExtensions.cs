using System.Buffers;
using JobEmulator.Core.Dialects;
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
    /// Maps every dialect's status routes and <c>GET /__admin/health</c>. The engine is resolved (and the
    /// scenarios validated) here, so a broken scenario fails start-up rather than the first request.
    /// </summary>
    public static IEndpointRouteBuilder MapJobEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var engine = services.GetRequiredService<JobEmulatorEngine>();
        var status = services.GetRequiredService<StatusEndpoint>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory);
        foreach (var dialect in engine.Dialects.All)
        {
            foreach (var template in dialect.StatusRoutes)
            {
                endpoints.MapGet(template, context => AnswerStatus(context, dialect, status, logger))
                    .WithDisplayName($"{dialect.Name} status {template}");
            }
        }

        endpoints.MapGet("/__admin/health", context => AdminResponses.Health(context, engine, logger))
            .WithDisplayName("admin health");
        return endpoints;
    }

    private static Task AnswerStatus(HttpContext context, Dialect dialect, StatusEndpoint status, ILogger logger)
    {
        var buffer = ResponseBuffer.Rent();
        var head = status.Handle(dialect, new HttpEmulatorRequest(context.Request), buffer);
        var response = context.Response;
        response.StatusCode = head.StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (head.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        if (logger.IsEnabled(LogLevel.Information))
        {
            RequestLog.Answered(logger, context.Request.Method, context.Request.Path.Value ?? "/", head.JobId ?? "-", head.StatusCode, head.Outcome);
        }

        var flush = response.BodyWriter.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
