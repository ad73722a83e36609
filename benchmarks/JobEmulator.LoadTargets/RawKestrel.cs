namespace JobEmulator.LoadTargets;

/// <summary>The floor: what Kestrel and minimal APIs cost for a constant body behind a header check.</summary>
internal static class RawKestrel
{
    public static async Task RunAsync(int port, byte[] body, string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/v1/jobs/{id}", (HttpContext context, string id) =>
        {
            if (!string.Equals(context.Request.Headers["X-API-Key"], apiKey, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, 0, body.Length);
        });
        await app.RunAsync();
    }
}
