using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geo.Api.Analysis;

/// <summary>The further text fields of an endpoint's multipart form beside <c>file</c>, <c>crs</c>, <c>encoding</c> and <c>from</c>.</summary>
internal sealed record UploadFormFields(IReadOnlyList<(string Name, string Description)> Extra, IReadOnlyList<string> Required);

/// <summary>
/// The OpenAPI schema of the multipart upload forms (Accepts can give only one schema to every content type): the
/// file and how to read it, and the fields the endpoint adds (<see cref="DescribesUploadForm"/>).
/// </summary>
internal static class UploadFormSchema
{
    public static RouteHandlerBuilder DescribesUploadForm(this RouteHandlerBuilder builder, IReadOnlyList<string>? required = null, params (string Name, string Description)[] extra) =>
        builder.WithMetadata(new UploadFormFields(extra, required ?? []));

    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UploadFormFields>().FirstOrDefault() is not { } fields
            || operation.RequestBody?.Content is not { } content || !content.TryGetValue("multipart/form-data", out var form))
        {
            return Task.CompletedTask;
        }

        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "报盘 TXT, zipped Shapefile, GeoPackage, GeoJSON or CSV" },
            ["crs"] = Text("EPSG:4490, 4513–4554, 4326 or 3857, when the file does not say"),
            ["encoding"] = Text("gbk or utf-8, overriding .cpg and detection"),
            ["from"] = Text("gcj02 or bd09: repair web-map coordinates"),
        };
        foreach (var (name, description) in fields.Extra)
        {
            properties[name] = Text(description);
        }

        form.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(["file", .. fields.Required]),
            Properties = properties,
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
