using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JobEmulator.Server;

/// <summary>
/// The standalone server's line per request, written off the request thread. A request only enqueues what it
/// answered (no formatting, no lock: a lock-free queue and one counter); a background loop formats the lines in
/// batches and writes each batch to the output in one call. Through the console logger the same line cost a third
/// of the server's throughput. The lines look exactly as the console logger's did, text or JSON; at most
/// <see cref="DefaultMaxPending"/> wait, and any beyond are counted and reported rather than queued without bound.
/// </summary>
internal sealed class RequestLogWriter : IAsyncDisposable
{
    /// <summary>By default, the most lines waiting to be written; more are dropped and counted.</summary>
    public const int DefaultMaxPending = 100_000;

    // Batches are written on the wall clock whatever clock the emulator runs on (a manual clock would never flush):
    // this is output, not the emulator's behaviour, so it is not work on the emulator's scheduler.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeProvider WallClock = TimeProvider.System;
    private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = true };

    private readonly ConcurrentQueue<Line> _pending = new();
    private readonly Stream _output;
    private readonly bool _json;
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _maxPending;
    private readonly Task _loop;
    private int _count;
    private long _dropped;
    private int _disposed;

    public RequestLogWriter(Stream output, bool json, int maxPending = DefaultMaxPending)
    {
        _output = output;
        _json = json;
        _maxPending = maxPending;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues one request's line; never blocks.</summary>
    public void Answered(string method, string path, string jobId, int statusCode, string outcome)
    {
        if (Interlocked.Increment(ref _count) > _maxPending)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _pending.Enqueue(new Line(WallClock.GetUtcNow().UtcDateTime, method, path, jobId, statusCode, outcome));
    }

    /// <summary>Writes every line still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        // Always one drain after the stop, however early it came: nothing queued is lost.
        var stopping = false;
        while (!stopping)
        {
            try
            {
                await Task.Delay(FlushInterval, WallClock, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                stopping = true;
            }

            try
            {
                Drain();
            }
            catch (IOException)
            {
                // The output went away (a closed pipe): the server keeps answering; the lines are lost.
            }
        }
    }

    private void Drain()
    {
        while (_pending.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _count);
            Format(line);
            if (_batch.WrittenCount > 60 * 1024)
            {
                Flush();
            }
        }

        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            Format(new Line(WallClock.GetUtcNow().UtcDateTime, "-", "-", "-", 0, $"({dropped} request lines dropped: the log could not keep up)"));
        }

        Flush();
    }

    private void Flush()
    {
        if (_batch.WrittenCount > 0)
        {
            _output.Write(_batch.WrittenSpan);
            _output.Flush();
            _batch.ResetWrittenCount();
        }
    }

    private void Format(in Line line)
    {
        if (_json)
        {
            FormatJson(line);
            return;
        }

        // 01:45:37.192 info: JobEmulator.Requests[1] GET /v1/jobs/x job=x -> 200 pending — formatted straight into
        // the batch as UTF-8, allocating nothing.
        // 128 covers every fixed part (time, category, separators, any int); a char takes at most 3 UTF-8 bytes.
        var span = _batch.GetSpan(128 + (3 * (line.Method.Length + line.Path.Length + line.JobId.Length + line.Outcome.Length)));
        line.Time.TryFormat(span, out var at, "HH:mm:ss.fff ", CultureInfo.InvariantCulture);
        var written = at;
        written += Copy("info: JobEmulator.Requests[1] "u8, span[written..]);
        written += Text(line.Method, span[written..]);
        span[written++] = (byte)' ';
        written += Text(line.Path, span[written..]);
        written += Copy(" job="u8, span[written..]);
        written += Text(line.JobId, span[written..]);
        written += Copy(" -> "u8, span[written..]);
        line.StatusCode.TryFormat(span[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        span[written++] = (byte)' ';
        written += Text(line.Outcome, span[written..]);
        span[written++] = (byte)'\n';
        _batch.Advance(written);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    // Control characters (a decoded %0A in a path) would forge log lines: each shows as '?'.
    private static int Text(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination);
        var bytes = destination[..written];
        if (bytes.IndexOfAnyInRange((byte)0, (byte)0x1f) >= 0)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] < 0x20)
                {
                    bytes[i] = (byte)'?';
                }
            }
        }

        return written;
    }

    private void FormatJson(in Line line)
    {
        using (var json = new Utf8JsonWriter(_batch, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", line.Time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", 1);
            json.WriteString("LogLevel", "Information");
            json.WriteString("Category", JobEmulatorEndpointRouteBuilderExtensions.RequestLogCategory);
            json.WriteString("Message", Message(line));
            json.WriteStartObject("State");
            json.WriteString("Method", line.Method);
            json.WriteString("Path", line.Path);
            json.WriteString("JobId", line.JobId);
            json.WriteNumber("StatusCode", line.StatusCode);
            json.WriteString("Outcome", line.Outcome);
            json.WriteString("{OriginalFormat}", "{Method} {Path} job={JobId} -> {StatusCode} {Outcome}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        _batch.GetSpan(1)[0] = (byte)'\n';
        _batch.Advance(1);
    }

    // Control characters would forge log lines: each shows as '?' (in JSON they are escaped anyway).
    private static string Message(in Line line)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{line.Method} {line.Path} job={line.JobId} -> {line.StatusCode} {line.Outcome}");
        return text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text : string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private readonly record struct Line(DateTime Time, string Method, string Path, string JobId, int StatusCode, string Outcome);
}
