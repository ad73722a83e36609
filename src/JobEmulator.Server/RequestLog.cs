using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>The one line logged per request: method, path, job and outcome.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} job={JobId} -> {StatusCode} {Outcome}")]
    public static partial void Answered(ILogger logger, string method, string path, string jobId, int statusCode, string outcome);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed inside the emulator")]
    public static partial void Crashed(ILogger logger, Exception exception, string method, string path);
}
