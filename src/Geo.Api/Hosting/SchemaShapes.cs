using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NetTopologySuite.Geometries;

namespace Geo.Api.Hosting;

/// <summary>
/// Schemas as the answers are written, so that generated clients (the viewer's schema.gen.ts) get usable types:
/// numbers as numbers, geometries as GeoJSON, enums as strings, free-form property maps as maps.
/// </summary>
internal static class SchemaShapes
{
    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (typeof(Geometry).IsAssignableFrom(type))
        {
            DescribeGeometry(schema);
        }
        else if (type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
        {
            // JsonStringEnumConverter writes names; the exporter lists them but leaves the type out.
            schema.Type = JsonSchemaType.String;
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is null)
        {
            // A map of any values (feature properties): without this, generators read "an object with no properties".
            schema.AdditionalProperties = new OpenApiSchema();
        }

        NumbersAsNumbers(schema);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The web defaults read numbers from strings too, and the exporter says so with the type [number, string] and a
    /// pattern (anyOf in OpenAPI 3.0). Every answer writes numbers as numbers, and a body's numbers are documented as numbers.
    /// </summary>
    private static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema is { Pattern: not null, Type: { } type } && type.HasFlag(JsonSchemaType.String)
            && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static void DescribeGeometry(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "GeoJSON geometry (RFC 7946)";
        schema.Required = new HashSet<string> { "type" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["coordinates"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
            ["geometries"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
        };
    }
}
