using System.CommandLine;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Server;
using Microsoft.Extensions.DependencyInjection;

namespace JobEmulator.Cli;

/// <summary><c>jobemu serve [FILES|FOLDERS…] --port N [--host ADDR]</c>: serves every dialect until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Scenario files, or folders searched for *.yaml and *.yml",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "TCP port to listen on (0 picks a free one)",
            DefaultValueFactory = _ => 8080,
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on: an IP address or 'localhost' (0.0.0.0 for all interfaces, e.g. in a container)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve", "Serve scenarios over HTTP: every operation of the five dialects, plus GET /__admin/health:" + Environment.NewLine + Routes()) { paths, port, host };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(paths) ?? [],
            parse.GetValue(port),
            parse.GetValue(host) ?? "127.0.0.1",
            output,
            errors,
            cancellation));
        return command;
    }

    // The routes, as every host serves them: read from the dialects' operation tables.
    private static string Routes() => string.Join(
        Environment.NewLine,
        Core.Dialects.DialectCatalog.Default.All.SelectMany(dialect => dialect.Operations.Select(operation =>
            $"  {dialect.Name,-12} {operation.Method,-6} {operation.Route,-44} {operation.Summary}")));

    private static async Task<int> RunAsync(string[] paths, int port, string host, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        // Nothing reads the journal of a standalone server until the admin API serves it: keep it off the hot path.
        var options = new JobEmulatorServerOptions { Host = host, Port = port, JournalCapacity = 0 };
        foreach (var path in paths)
        {
            options.ScenarioPaths.Add(path);
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = JobEmulatorApp.Build(options);
        }
        catch (ScenarioValidationException ex)
        {
            errors.WriteLine(ex.Message);
            return ExitCodes.InvalidScenario;
        }
        catch (ArgumentException ex)
        {
            errors.WriteLine(ex.Message);
            return ExitCodes.CannotStart;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellation);
            }
            catch (IOException ex)
            {
                errors.WriteLine($"cannot listen on {host}:{port}: {ex.Message}");
                return ExitCodes.CannotStart;
            }

            PrintBanner(app, output);
            if (paths.Length == 0)
            {
                errors.WriteLine("note: no scenario files or folders given, so every job id answers 404 (try: jobemu serve scenarios)");
            }

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellation);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop gracefully below.
            }

            await app.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    private static void PrintBanner(Microsoft.AspNetCore.Builder.WebApplication app, TextWriter output)
    {
        var engine = app.Services.GetRequiredService<JobEmulatorEngine>();
        var address = JobEmulatorApp.BaseAddress(app).ToString().TrimEnd('/');
        output.WriteLine($"JobEmulator listening on {address} ({engine.Scenarios.Scenarios.Count} scenarios, {engine.JobCount} jobs)");
        foreach (var dialect in engine.Dialects.All)
        {
            foreach (var operation in dialect.Operations)
            {
                output.WriteLine($"  {dialect.Name,-12} {operation.Method,-6} {address}{operation.Route}   [{operation.CredentialDescription}]");
            }
        }

        output.WriteLine($"  {"admin",-12} {"GET",-6} {address}/__admin/health");
        output.Flush();
    }
}
