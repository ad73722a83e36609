using Microsoft.Extensions.Logging;

namespace JobEmulator.Server;

/// <summary>What the engine reports about webhook delivery (attempts dropped from the full backlog), as log lines.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Warning(ILogger logger, string message);
}
