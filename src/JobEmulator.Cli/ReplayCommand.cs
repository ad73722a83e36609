using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Replays;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Spectre.Console;

namespace JobEmulator.Cli;

/// <summary><c>jobemu replay FILE</c>: what a polling client would see, poll by poll, in simulated time.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var file = new Argument<string>("file") { Description = "The scenario file to replay" };
        var job = new Option<string?>("--job") { Description = "The job to poll (default: the scenario's first job, else one submitted job)" };
        var client = new Option<string>("--client") { Description = "fixed (the same interval) or backoff (growing by --factor up to --max-interval)", DefaultValueFactory = _ => "backoff" };
        client.AcceptOnlyFromAmong("fixed", "backoff");
        var interval = new Option<string>("--interval") { Description = "The first wait between polls", DefaultValueFactory = _ => "2s" };
        var factor = new Option<double>("--factor") { Description = "How much each wait grows with --client backoff", DefaultValueFactory = _ => 1.5 };
        var maxInterval = new Option<string>("--max-interval") { Description = "The longest wait with --client backoff", DefaultValueFactory = _ => "10s" };
        var until = new Option<string>("--until") { Description = "Stop polling after this much simulated time", DefaultValueFactory = _ => "1h" };
        var format = new Option<string>("--format") { Description = "text (a table; coloured on a terminal) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var definitions = DialectPaths.Option();
        var command = new Command("replay", "Replay a scenario on a simulated clock with a built-in polling client, and print what the client sees, poll by poll: time, poll number, HTTP status, status word, progress, Retry-After and the webhooks that would fire." + Environment.NewLine + Environment.NewLine +
            "Example: jobemu replay scenarios/docurift/rate-limited.yaml --client backoff --interval 1s --factor 2")
        {
            file, job, client, interval, factor, maxInterval, until, format, definitions,
        };
        command.SetAction(parse =>
        {
            if (!TryDuration(parse.GetValue(interval)!, "--interval", errors, out var first) || !TryDuration(parse.GetValue(maxInterval)!, "--max-interval", errors, out var max)
                || !TryDuration(parse.GetValue(until)!, "--until", errors, out var limit))
            {
                return ExitCodes.InvalidArguments;
            }

            if (parse.GetValue(factor) is var grow && grow < 1)
            {
                errors.WriteLine("--factor must be at least 1");
                return ExitCodes.InvalidArguments;
            }

            Scenario scenario;
            try
            {
                scenario = new ScenarioLoader(DialectPaths.Load(parse.GetValue(definitions) ?? [])).LoadFile(parse.GetValue(file)!);
            }
            catch (ScenarioValidationException ex)
            {
                errors.WriteLine(ex.Message);
                return ExitCodes.InvalidScenario;
            }

            try
            {
                var settings = new ReplayClient(parse.GetValue(client) == "backoff", first, grow, max, limit);
                var (jobId, polls) = ScenarioReplay.Run(scenario, parse.GetValue(job), settings);
                if (parse.GetValue(format) == "json")
                {
                    WriteJson(output, scenario, jobId, polls);
                }
                else
                {
                    WriteTable(output, scenario, jobId, polls);
                }

                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                errors.WriteLine(ex.Message);
                return ExitCodes.InvalidArguments;
            }
        });
        return command;
    }

    private static bool TryDuration(string text, string option, TextWriter errors, out TimeSpan duration)
    {
        if (DurationText.TryParse(text, out duration) && duration > TimeSpan.Zero)
        {
            return true;
        }

        errors.WriteLine($"{option} must be {DurationText.Expected}; found '{text}'");
        return false;
    }

    // A table: coloured on a terminal, plain when piped (Spectre decides from the writer).
    private static void WriteTable(TextWriter output, Scenario scenario, string jobId, IReadOnlyList<ReplayPoll> polls)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        console.MarkupLine($"[bold]{Markup.Escape(scenario.Name)}[/] ({Markup.Escape(scenario.Dialect.Name)}), job [bold]{Markup.Escape(jobId)}[/]");
        var table = new Table().AddColumns("time", "poll", "HTTP", "status", "progress", "Retry-After", "webhooks");
        foreach (var poll in polls)
        {
            var colour = poll.Status switch { 200 => "green", 0 => "red", >= 500 => "red", _ => "yellow" };
            table.AddRow(
                "+" + poll.At.ToString(poll.At.TotalHours >= 1 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture),
                poll.Poll.ToString(CultureInfo.InvariantCulture),
                $"[{colour}]{(poll.Status == 0 ? "-" : poll.Status.ToString(CultureInfo.InvariantCulture))}[/]",
                Markup.Escape(poll.Word),
                poll.Progress?.ToString(CultureInfo.InvariantCulture) + (poll.Progress is null ? string.Empty : "%"),
                poll.RetryAfter is { } retry ? retry.ToString(CultureInfo.InvariantCulture) + "s" : string.Empty,
                Markup.Escape(string.Join(Environment.NewLine, poll.Webhooks)));
        }

        console.Write(table);
        var last = polls.Count > 0 ? polls[^1] : null;
        console.MarkupLine(last is { Status: 200 } && last.Word is not null && polls.Count > 0
            ? $"{polls.Count} polls over {Markup.Escape(last.At.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture))} of simulated time."
            : "The job was not finished when the replay stopped (--until).");
    }

    private static void WriteJson(TextWriter output, Scenario scenario, string jobId, IReadOnlyList<ReplayPoll> polls)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("scenario", scenario.Name);
            writer.WriteString("dialect", scenario.Dialect.Name);
            writer.WriteString("job", jobId);
            writer.WriteStartArray("polls");
            foreach (var poll in polls)
            {
                writer.WriteStartObject();
                writer.WriteNumber("at_seconds", poll.At.TotalSeconds);
                writer.WriteNumber("poll", poll.Poll);
                writer.WriteNumber("http", poll.Status);
                writer.WriteString("status", poll.Word);
                if (poll.Progress is { } progress)
                {
                    writer.WriteNumber("progress", progress);
                }

                if (poll.RetryAfter is { } retry)
                {
                    writer.WriteNumber("retry_after_seconds", retry);
                }

                writer.WriteStartArray("webhooks");
                poll.Webhooks.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
