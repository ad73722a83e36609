using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JobEmulator.Examples;

/// <summary>
/// The kind of client the emulator exists to test: polls DocuRift's <c>GET /v1/jobs/{id}</c> until the job
/// completes or fails, waiting between polls with exponential back-off, and honouring <c>Retry-After</c>
/// on 429 and 503. Every wait goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DocuRiftPoller(HttpClient http, string apiKey, TimeProvider time)
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    public double Factor { get; init; } = 2;

    public int MaxAttempts { get; init; } = 100;

    /// <summary>Test knob for misbehaving clients: false ignores <c>Retry-After</c>.</summary>
    public bool HonourRetryAfter { get; init; } = true;

    /// <summary>Polls until the job is terminal; returns its final <c>data</c> object.</summary>
    public async Task<DocuRiftJob> WaitForCompletionAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var delay = FirstDelay;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{Uri.EscapeDataString(jobId)}");
            request.Headers.Add("X-API-Key", apiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            TimeSpan wait;
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                wait = HonourRetryAfter && response.Headers.RetryAfter?.Delta is { } retryAfter ? retryAfter : delay;
            }
            else if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                throw new HttpRequestException($"DocuRift answered {(int)response.StatusCode}: {error}", null, response.StatusCode);
            }
            else
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var data = body.GetProperty("data");
                var status = data.GetProperty("status").GetString();
                if (status is "completed" or "failed")
                {
                    return new DocuRiftJob(data.GetProperty("id").GetString()!, status, data);
                }

                wait = delay;
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, (long)(delay.Ticks * Factor)));
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        throw new TimeoutException($"Job {jobId} was not finished after {MaxAttempts} polls.");
    }
}

/// <summary>A finished DocuRift job.</summary>
public sealed record DocuRiftJob(string Id, string Status, JsonElement Data);
