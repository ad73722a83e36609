using System.Globalization;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>Writes an error in the dialect's envelope, with a trace id that is unique per answer and replays with the run.</summary>
internal sealed class ErrorWriter(TimeProvider time)
{
    private long _traceCounter;

    public static ErrorKind KindOf(int statusCode) => statusCode switch
    {
        401 => ErrorKind.InvalidCredentials,
        403 => ErrorKind.Forbidden,
        404 => ErrorKind.JobNotFound,
        409 => ErrorKind.Conflict,
        413 => ErrorKind.PayloadTooLarge,
        415 => ErrorKind.UnsupportedMediaType,
        429 => ErrorKind.RateLimited,
        502 => ErrorKind.BadGateway,
        503 => ErrorKind.ServiceUnavailable,
        504 => ErrorKind.GatewayTimeout,
        >= 500 => ErrorKind.ServerError,
        _ => ErrorKind.BadRequest,
    };

    public OperationResponse Write(in OperationContext context, ErrorKind kind, int status, string? id, string outcome, string? credential, int? retryAfter = null, string? detail = null)
    {
        // On a scaled clock a client waits on the wall clock: Retry-After (header and body) is said in wall seconds.
        if (retryAfter is { } seconds && time is Clocks.ScaledClock scaled)
        {
            retryAfter = Math.Max(1, (int)Math.Ceiling(scaled.ToWall(TimeSpan.FromSeconds(seconds)).TotalSeconds));
        }

        // The vendor's own status for an error the emulator decides; a scripted fault answers the status it scripts.
        if (outcome != "scripted-fault")
        {
            status = context.Dialect.StatusFor(kind, status);
        }

        var trace = "trace_" + ((uint)StableHash.Combine((int)Interlocked.Increment(ref _traceCounter), id ?? string.Empty)).ToString("x8", CultureInfo.InvariantCulture);
        context.Dialect.WriteError(context.Writer, new ErrorView(kind, status, id, retryAfter, context.Now, trace) { Detail = detail });
        return new OperationResponse(status, retryAfter, id, outcome, credential);
    }
}
