using Geo.Api.OgcApi;
using Microsoft.OpenApi;

namespace Geo.Api.Hosting;

/// <summary>
/// The OpenAPI 3.0 document (the OGC API's service-desc) at /openapi/v1.json and a human page (service-doc) at
/// /api-docs. A copy is committed as docs/openapi.json; a test fails when it falls behind the endpoints.
/// </summary>
public static class OpenApiDocument
{
    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "开州区“小县大城”规划地图服务 API";
                document.Info.Description = "OGC API – Features (Parts 1–3) for the Kaizhou pilot's collections, and the planning analyses.";
                document.Info.Version = "1.0";
                document.Servers?.Clear();
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(Analysis.UploadFormSchema.ApplyAsync);
            o.AddOperationTransformer(ResponseContent.ApplyAsync);
            o.AddOperationTransformer(ItemsParametersOpenApi.ApplyAsync);
            o.AddOperationTransformer(Analysis.ReportLanguages.ApplyAsync);
            o.AddSchemaTransformer(SchemaShapes.ApplyAsync);
            o.AddDocumentTransformer(Accounts.AccountsOpenApi.AddSchemesAsync);
            o.AddOperationTransformer(Accounts.AccountsOpenApi.AddRequirementAsync);
        });

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OgcLinks.OpenApiPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        // Only under its own path: the Swagger UI middleware matches every request's path against regular expressions.
        ((IApplicationBuilder)app).UseWhen(
            context => context.Request.Path.StartsWithSegments(OgcLinks.ApiDocsPath, StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = OgcLinks.ApiDocsPath.TrimStart('/');
                o.SwaggerEndpoint(OgcLinks.OpenApiPath, "开州区规划地图服务");
                o.DocumentTitle = "开州区规划地图服务 API";
            }));
        return app;
    }
}
