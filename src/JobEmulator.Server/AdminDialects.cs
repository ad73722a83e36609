using JobEmulator.Core.Dialects;
using JobEmulator.Core.Engine;
using JobEmulator.Core.Scenarios;
using JobEmulator.Core.Yaml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JobEmulator.Server;

/// <summary>
/// <c>GET /__admin/dialects</c> (every dialect served), <c>POST /__admin/dialects</c> (a definition's YAML: served from
/// the next request on; one of the same name loaded before is replaced, and the scenarios that spoke it are unloaded)
/// and <c>DELETE /__admin/dialects/{name}</c> (a loaded definition, with the scenarios that speak it).
/// </summary>
internal static class AdminDialects
{
    public static void Map(RouteGroupBuilder admin, JobEmulatorEngine engine)
    {
        admin.MapGet("/dialects", () => Results.Json(Infos(engine), ServerJsonContext.Readable.IReadOnlyListDialectInfo));
        admin.MapPost("/dialects", (HttpRequest request) => LoadAsync(engine, request));
        admin.MapDelete("/dialects/{name}", (string name) => Unload(engine, name));
    }

    private static List<DialectInfo> Infos(JobEmulatorEngine engine) => [.. engine.Dialects.All.Select(d => Info(engine, d))];

    private static DialectInfo Info(JobEmulatorEngine engine, Dialect dialect) => new(
        dialect.Name,
        dialect.Vendor,
        dialect.DefinitionSource ?? "(code)",
        dialect.IsBuiltIn,
        engine.Scenarios.Scenarios.Count(s => ReferenceEquals(s.Dialect, dialect)),
        [.. dialect.Operations.Select(o => new OperationInfo(o.Method, o.Route, o.Kind.ToString(), o.Summary))]);

    // POST /__admin/dialects: the body is one definition's YAML; ?name= names its source (default "admin-dialect.yaml").
    private static async Task<IResult> LoadAsync(JobEmulatorEngine engine, HttpRequest request)
    {
        if (await AdminEndpoints.ReadBodyAsync(request).ConfigureAwait(false) is not { } yaml)
        {
            return AdminEndpoints.TooLarge();
        }

        var source = request.Query["name"].ToString() is { Length: > 0 } given ? given : "admin-dialect.yaml";
        try
        {
            // Decoded as a file is (UTF-8, or UTF-16/32 with a byte-order mark), so bad bytes are errors with a position.
            var text = ScenarioLoader.DecodeText(yaml.Span, source);
            var name = engine.LoadDialectYaml(text, source, out var unloaded);
            var loaded = engine.Dialects.Find(name)!;
            return Results.Json(new DialectChange(Info(engine, loaded), unloaded), ServerJsonContext.Readable.DialectChange, statusCode: 201);
        }
        catch (ScenarioValidationException ex)
        {
            return AdminEndpoints.Invalid(ex, "dialect definition");
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new AdminError(ex.Message), ServerJsonContext.Readable.AdminError, statusCode: 409);
        }
    }

    private static IResult Unload(JobEmulatorEngine engine, string name)
    {
        if (engine.Dialects.Find(name) is { IsBuiltIn: true })
        {
            return Results.Json(new AdminError($"'{name}' is a built-in dialect; only dialects loaded from definitions can be removed."), ServerJsonContext.Readable.AdminError, statusCode: 409);
        }

        return engine.UnloadDialect(name, out var unloaded)
            ? Results.Json(new DialectChange(null, unloaded), ServerJsonContext.Readable.DialectChange)
            : Results.Json(new AdminError($"No dialect named '{name}' is loaded; GET /__admin/dialects lists them."), ServerJsonContext.Readable.AdminError, statusCode: 404);
    }
}
