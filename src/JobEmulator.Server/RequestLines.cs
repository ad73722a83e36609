using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>
/// Where the line per request goes: the standalone server's batched <see cref="RequestLogWriter"/> when it has one,
/// else the <c>JobEmulator.Requests</c> logger (a host's own logging, the testing library's). Either way the logging
/// configuration decides: with <c>JobEmulator</c> (or <c>JobEmulator.Requests</c>) above <c>Information</c>
/// (<c>Logging__LogLevel__JobEmulator=Warning</c>), no line is written.
/// </summary>
internal sealed class RequestLines(ILogger logger, RequestLogWriter? writer)
{
    public ILogger Logger => logger;

    public void Answered(HttpRequest request, string? jobId, int statusCode, string outcome)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        if (writer is not null)
        {
            writer.Answered(request.Method, request.Path.Value ?? "/", jobId ?? "-", statusCode, outcome);
        }
        else
        {
            RequestLog.Answered(logger, request.Method, request.Path.Value ?? "/", jobId ?? "-", statusCode, outcome);
        }
    }
}
