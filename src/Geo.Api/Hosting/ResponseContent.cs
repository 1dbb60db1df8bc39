using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Geo.Api.Hosting;

/// <summary>
/// A further documented response body beside the one ApiExplorer knows (it keeps one schema per status code): its
/// status, content type and the type whose schema describes it (<c>null</c> for a binary download). An endpoint that
/// answers 200 as JSON, GeoJSON, CSV or a zip declares the JSON with <c>Produces&lt;T&gt;</c> and every other format
/// with this; <see cref="ResponseContent.ApplyAsync"/> writes them into the operation.
/// </summary>
internal sealed record ResponseContentMetadata(int StatusCode, string ContentType, Type? BodyType);

internal static class ResponseContent
{
    /// <summary>The main JSON-family body (JSON, GeoJSON, JSON Schema) of a 200, described by <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder ProducesJson<T>(this RouteHandlerBuilder builder, string contentType = "application/json") =>
        builder.Produces<T>(StatusCodes.Status200OK, contentType);

    /// <summary>Another 200 body described by <typeparamref name="T"/>; for the main one's content type it becomes a oneOf.</summary>
    public static RouteHandlerBuilder AlsoProducesJson<T>(this RouteHandlerBuilder builder, string contentType) =>
        builder.WithMetadata(new ResponseContentMetadata(StatusCodes.Status200OK, contentType, typeof(T)));

    /// <summary>A text body (CSV, HTML, 报盘 TXT): schema <c>string</c>.</summary>
    public static RouteHandlerBuilder ProducesText(this RouteHandlerBuilder builder, string contentType) =>
        builder.WithMetadata(new ResponseContentMetadata(StatusCodes.Status200OK, contentType, typeof(string)));

    /// <summary>A file download (zip, GeoPackage): schema <c>string</c>, format <c>binary</c>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes)
    {
        foreach (var contentType in contentTypes)
        {
            builder.WithMetadata(new ResponseContentMetadata(StatusCodes.Status200OK, contentType, null));
        }

        return builder;
    }

    /// <summary>
    /// Every feature format the service writes as a 200 (items, exports, converted uploads): GeoJSON described by
    /// <see cref="OgcApi.ItemsPage"/>, CSV, 报盘 TXT, a zipped Shapefile and a GeoPackage.
    /// </summary>
    public static RouteHandlerBuilder ProducesFeatureFormats(this RouteHandlerBuilder builder) => builder
        .ProducesJson<OgcApi.ItemsPage>(OgcApi.OgcMediaTypes.GeoJson)
        .ProducesText("text/csv")
        .ProducesText("text/plain")
        .ProducesFile("application/zip", OgcApi.OgcMediaTypes.GeoPackage);

    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var body in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseContentMetadata>())
        {
            operation.Responses ??= [];
            var status = body.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var found) || found is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(body.StatusCode) };
                operation.Responses[status] = response;
            }

            var schema = await SchemaAsync(body.BodyType, context, cancellationToken);
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[body.ContentType] = new OpenApiMediaType
            {
                Schema = response.Content.TryGetValue(body.ContentType, out var main) && main.Schema is { } first
                    ? new OpenApiSchema { OneOf = [first, schema] }
                    : schema,
            };
        }
    }

    /// <summary>Text and files inline; an object as a component, named after its type, like those ApiExplorer adds.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type? type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            return new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }

        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        if (type == typeof(string) || context.Document is not { } document)
        {
            return schema;
        }

        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, schema);
        }

        return new OpenApiSchemaReference(type.Name, document);
    }
}
