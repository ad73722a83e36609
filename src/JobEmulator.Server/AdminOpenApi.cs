using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace JobEmulator.Server;

/// <summary>
/// The OpenAPI document at <c>/__admin/openapi.json</c> (Microsoft.AspNetCore.OpenApi): the admin API as its endpoints
/// describe themselves, plus every emulated vendor route from the dialects' operation tables.
/// </summary>
internal static class AdminOpenApi
{
    public const string Path = "/__admin/openapi.json";

    public static void AddTo(IServiceCollection services) =>
        services.AddOpenApi("openapi", options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                // The dialects the engine serves now: the built-in ones and any defined in the files it loaded.
                var dialects = context.ApplicationServices.GetRequiredService<Core.Engine.JobEmulatorEngine>().Dialects;
                document.Info = new OpenApiInfo
                {
                    Title = "JobEmulator",
                    Version = "1",
                    Description = "The admin API under /__admin/ and the vendor routes the emulator serves (one tag per dialect).",
                };
                document.Paths ??= [];
                foreach (var dialect in dialects.All)
                {
                    foreach (var operation in dialect.Operations)
                    {
                        if (!document.Paths.TryGetValue(operation.Route, out var item) || item is not OpenApiPathItem path)
                        {
                            path = new OpenApiPathItem();
                            document.Paths[operation.Route] = path;
                        }

                        path.AddOperation(new HttpMethod(operation.Method), new OpenApiOperation
                        {
                            OperationId = $"{dialect.Name}-{operation.Kind}-{operation.Method}-{operation.Route}".ToLowerInvariant(),
                            Summary = $"{dialect.Vendor}: {operation.Summary}",
                            Description = $"Credential: {operation.CredentialDescription}. Kind: {operation.Kind}.",
                            Tags = new HashSet<OpenApiTagReference> { new(dialect.Name) },
                            Responses = new OpenApiResponses { [operation.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse { Description = "The vendor's body, field for field" } },
                        });
                    }
                }

                return Task.CompletedTask;
            });
        });

    // The document is named "openapi", so this pattern serves exactly /__admin/openapi.json.
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapOpenApi("/__admin/{documentName}.json");
}
