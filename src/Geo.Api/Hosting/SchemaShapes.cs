using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geo.Api.Hosting;

/// <summary>
/// Schemas as the answers are written, so that generated clients (the viewer's schema.gen.ts) get usable types:
/// numbers as numbers, geometries as GeoJSON, enums as strings, free-form property maps as maps.
/// </summary>
internal static class SchemaShapes
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The geometry types of RFC 7946, so that a client narrows on <c>type</c>.</summary>
    private static readonly string[] GeometryTypes =
        ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var property = context.JsonPropertyInfo?.AttributeProvider;
        if (typeof(Geometry).IsAssignableFrom(type) || property?.IsDefined(typeof(GeoJsonGeometryAttribute), false) == true)
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
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            ComputedPropertiesAlwaysWritten(schema, context.JsonTypeInfo);
        }

        if (property?.GetCustomAttributes(typeof(AllowedValuesAttribute), false) is [AllowedValuesAttribute allowed])
        {
            // A fixed word such as a GeoJSON feature's "type": clients narrow on it.
            schema.Enum = Words(allowed.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        NumbersAsNumbers(schema);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A get-only property outside the constructor (a feature's <c>type</c>, a finding's <c>severityLabel</c>) is
    /// written in every answer, but the exporter calls it optional and nullable; say it is there, and null only if
    /// its declaration allows null.
    /// </summary>
    private static void ComputedPropertiesAlwaysWritten(OpenApiSchema schema, JsonTypeInfo typeInfo)
    {
        foreach (var p in typeInfo.Properties)
        {
            if (p.Set is not null || p.AssociatedParameter is not null || p.ShouldSerialize is not null
                || p.AttributeProvider is not PropertyInfo info || schema.Properties is null
                || !schema.Properties.TryGetValue(p.Name, out var found) || found is not OpenApiSchema shape)
            {
                continue;
            }

            (schema.Required ??= new HashSet<string>()).Add(p.Name);
            if (shape.Type is { } t && Nullability.Create(info).ReadState == NullabilityState.NotNull)
            {
                shape.Type = t & ~JsonSchemaType.Null;
            }
        }
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

    private static List<JsonNode> Words(IEnumerable<string> words) => [.. words.Select(w => (JsonNode)JsonValue.Create(w))];

    private static void DescribeGeometry(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "GeoJSON geometry (RFC 7946)";
        schema.Required = new HashSet<string> { "type" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = Words(GeometryTypes),
            },
            // Nested arrays of numbers, as deep as the type needs; members of a GeometryCollection are geometries.
            ["coordinates"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
            ["geometries"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
        };
    }
}

/// <summary>A request body's JSON property that holds a GeoJSON geometry (read by hand, to accept a <c>crs</c> beside it).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class GeoJsonGeometryAttribute : Attribute;
