using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace JobEmulator.Server.Tests;

/// <summary>
/// Resets racing requests over a real socket: the journal never holds an entry twice, and every request sent after
/// the last reset answered is in it, exactly once.
/// </summary>
public sealed class JournalResetTests
{
    [Fact]
    public async Task ResetsRacingRequests_NeverDuplicateOrLoseAJournalEntry()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = server.BaseAddress };
        var afterLastReset = new ConcurrentBag<string>();
        var lastResetDone = 0;

        var resets = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                using var reset = await http.PostAsync(new Uri("/__admin/reset?scenarios=start", UriKind.Relative), null, cancellation);
                reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
            }

            Volatile.Write(ref lastResetDone, 1);
        }, cancellation);

        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            // Each request names a job of its own, so the journal shows exactly which requests it kept. Requests race
            // the resets, then 100 more per client follow the last one (800 in all: fewer than the journal keeps).
            var after = 0;
            for (var n = 0; after < 100; n++)
            {
                var started = Volatile.Read(ref lastResetDone) == 1;
                var id = $"job_c{client}n{n}";
                using var poll = await http.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), cancellation);
                if (started)
                {
                    afterLastReset.Add(id);
                    after++;
                }
            }
        }, cancellation)).ToList();

        await Task.WhenAll([resets, .. clients]);

        // The journal keeps the last 1,000 requests: read what it holds.
        using var journal = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__admin/requests", UriKind.Relative), cancellation));
        var entries = journal.RootElement.EnumerateArray().Where(e => e.GetProperty("path").GetString()!.StartsWith("/v1/jobs/", StringComparison.Ordinal)).ToList();
        var sequences = journal.RootElement.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        var kept = entries.Select(e => e.GetProperty("job_id").GetString()).ToList();

        sequences.Should().OnlyHaveUniqueItems();
        kept.Should().OnlyHaveUniqueItems("no request is recorded twice");
        afterLastReset.Should().HaveCount(800);
        kept.Should().Contain(afterLastReset, "every request sent after the last reset answered is recorded");
    }
}
