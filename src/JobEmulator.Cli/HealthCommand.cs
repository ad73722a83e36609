using System.CommandLine;

namespace JobEmulator.Cli;

/// <summary>
/// <c>jobemu health [--url URL]</c>: exits 0 when the emulator's health endpoint answers 200 — the container's
/// HEALTHCHECK, which then needs nothing the runtime image lacks (no curl).
/// </summary>
internal static class HealthCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var url = new Option<string>("--url")
        {
            Description = "The health endpoint; default http://127.0.0.1:$JOBEMU_PORT/__admin/health (port 8080)",
            DefaultValueFactory = _ => $"http://127.0.0.1:{Environment.GetEnvironmentVariable("JOBEMU_PORT") ?? "8080"}/__admin/health",
        };
        var command = new Command("health", "Check that a running emulator is healthy: exit 0 when its health endpoint answers 200, 1 otherwise." + Environment.NewLine + Environment.NewLine + "Example: jobemu health --url http://127.0.0.1:8080/__admin/health") { url };
        command.SetAction(async (parse, cancellation) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            try
            {
                using var response = await http.GetAsync(new Uri(parse.GetValue(url)!), cancellation);
                output.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
                return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.InvalidScenario;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                errors.WriteLine($"unhealthy: {ex.Message}");
                return ExitCodes.InvalidScenario;
            }
        });
        return command;
    }
}
