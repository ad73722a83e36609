using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace JobEmulator.Testcontainers;

/// <summary>
/// The emulator's admin API (<c>/__admin</c>) from a test: move the clock, create and advance jobs, read and clear
/// the journal, reset. Answers are the API's JSON, as documented in the README; a non-success status throws
/// <see cref="HttpRequestException"/> carrying the admin API's error message.
/// </summary>
public sealed class JobEmulatorAdminClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client for the emulator at <paramref name="baseAddress"/>, sending <paramref name="adminToken"/> if given.</summary>
    public JobEmulatorAdminClient(Uri baseAddress, string? adminToken = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = new HttpClient { BaseAddress = baseAddress };
        if (adminToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }
    }

    /// <summary><c>GET /__admin/health</c>.</summary>
    public Task<JsonElement> GetHealthAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, "health", null, cancellationToken);

    /// <summary><c>GET /__admin/clock</c>: <c>{now, mode, scale}</c>.</summary>
    public Task<JsonElement> GetClockAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, "clock", null, cancellationToken);

    /// <summary><c>POST /__admin/clock/advance</c> (manual clock only): everything due runs, in instant order.</summary>
    public Task<JsonElement> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return SendAsync(HttpMethod.Post, "clock/advance", Json(writer => writer.WriteString("by", $"{(long)Math.Ceiling(by.TotalMilliseconds)}ms")), cancellationToken);
    }

    /// <summary><c>POST /__admin/clock/set</c> (manual clock only; never backwards).</summary>
    public Task<JsonElement> SetClockAsync(DateTimeOffset to, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "clock/set", Json(writer => writer.WriteString("to", to)), cancellationToken);

    /// <summary><c>GET /__admin/jobs</c>, optionally filtered by dialect and status word.</summary>
    public Task<JsonElement> GetJobsAsync(string? dialect = null, string? status = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "jobs" + Query(("dialect", dialect), ("status", status)), null, cancellationToken);

    /// <summary><c>GET /__admin/jobs/{dialect}/{id}</c>.</summary>
    public Task<JsonElement> GetJobAsync(string dialect, string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"jobs/{Uri.EscapeDataString(dialect)}/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary><c>POST /__admin/jobs/{dialect}/{id}/advance</c>: to the next step, or to <paramref name="to"/>.</summary>
    public Task<JsonElement> AdvanceJobAsync(string dialect, string id, string? to = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"jobs/{Uri.EscapeDataString(dialect)}/{Uri.EscapeDataString(id)}/advance", Json(writer =>
        {
            if (to is not null)
            {
                writer.WriteString("to", to);
            }
        }), cancellationToken);

    /// <summary><c>GET /__admin/requests</c>: the journal, optionally for one job.</summary>
    public Task<JsonElement> GetRequestsAsync(string? job = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "requests" + Query(("job", job)), null, cancellationToken);

    /// <summary><c>DELETE /__admin/requests</c>.</summary>
    public Task<JsonElement> ClearRequestsAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "requests", null, cancellationToken);

    /// <summary><c>GET /__admin/webhooks</c>: every delivery attempt.</summary>
    public Task<JsonElement> GetWebhooksAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, "webhooks", null, cancellationToken);

    /// <summary><c>POST /__admin/reset</c>: jobs back to their first step, submissions and the journal dropped.</summary>
    public Task<JsonElement> ResetAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, "reset", null, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "/__admin/" + path) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} /__admin/{path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }
}
