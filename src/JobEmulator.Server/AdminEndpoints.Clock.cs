using JobEmulator.Core.Clocks;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Yaml;
using Microsoft.AspNetCore.Http;

namespace JobEmulator.Server;

// The clock: its mode and time, and moving a manual one.
public static partial class AdminEndpoints
{
    private static ClockInfo Clock(JobEmulatorEngine engine) => engine.Time switch
    {
        ManualClock => new ClockInfo(engine.Time.GetUtcNow(), "manual", null),
        ScaledClock scaled => new ClockInfo(engine.Time.GetUtcNow(), "scaled", scaled.Scale),
        _ => new ClockInfo(engine.Time.GetUtcNow(), engine.Time == TimeProvider.System ? "system" : "external", null),
    };

    private static async Task<IResult> MoveClockAsync(JobEmulatorEngine engine, HttpRequest request, bool set)
    {
        if (engine.Time is not ManualClock clock)
        {
            return Results.Json(
                new AdminError($"The clock is {Clock(engine).Mode}; only a manual clock is moved through the admin API. Start the emulator with 'jobemu serve --clock manual' (or JOBEMU_CLOCK=manual in the container)."),
                ServerJsonContext.Readable.AdminError,
                statusCode: 409);
        }

        try
        {
            if (set)
            {
                var body = await ReadJsonAsync(request, ServerJsonContext.Readable.SetClock).ConfigureAwait(false);
                if (body?.To is not { } to)
                {
                    return Results.Json(new AdminError("Send {\"to\": \"2025-01-01T00:10:00Z\"}: the instant to move the clock to."), ServerJsonContext.Readable.AdminError, statusCode: 400);
                }

                if (to < clock.GetUtcNow() || to > ManualClock.MaxTime)
                {
                    return Results.Json(new AdminError(to > ManualClock.MaxTime ? $"The clock goes no later than {Instant(ManualClock.MaxTime)}; {Instant(to)} is past that." : $"The clock cannot go back: it reads {Instant(clock.GetUtcNow())}, and {Instant(to)} is before that."), ServerJsonContext.Readable.AdminError, statusCode: 400);
                }

                clock.SetUtcNow(to);
            }
            else
            {
                var body = await ReadJsonAsync(request, ServerJsonContext.Readable.AdvanceClock).ConfigureAwait(false);
                if (body?.By is not { } by || !DurationText.TryParse(by, out var span) || span < TimeSpan.Zero)
                {
                    return Results.Json(new AdminError($"Send {{\"by\": \"30s\"}}: {DurationText.Expected}."), ServerJsonContext.Readable.AdminError, statusCode: 400);
                }

                if (span > ManualClock.MaxTime - clock.GetUtcNow())
                {
                    return Results.Json(new AdminError($"The clock goes no later than {Instant(ManualClock.MaxTime)}; advancing it by {by} would pass that."), ServerJsonContext.Readable.AdminError, statusCode: 400);
                }

                clock.Advance(span);
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Results.Json(new AdminError(ex.Message), ServerJsonContext.Readable.AdminError, statusCode: 400);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new AdminError(ex.Message), ServerJsonContext.Readable.AdminError, statusCode: 409);
        }

        return Results.Json(Clock(engine), ServerJsonContext.Readable.ClockInfo);
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
