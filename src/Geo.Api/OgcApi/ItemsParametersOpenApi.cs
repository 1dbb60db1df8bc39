using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geo.Api.OgcApi;

/// <summary>
/// What the paging parameters take, in the OpenAPI document (the service-desc clients read): <c>limit</c> as an integer
/// from 1 to <see cref="ItemsQueryParser.MaxLimit"/> with its default, which GDAL 3.8 and later read to choose a page
/// size (GDAL 3.6 pages by 10 whatever the document says), and what <c>cursor</c> and <c>resultType</c> are. Both are bound as text so that a
/// bad value gets a problem naming it. An export takes the same parameters less the paging ones.
/// </summary>
internal static class ItemsParametersOpenApi
{
    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.EndsWith("/export", StringComparison.Ordinal) == true)
        {
            // The export binds the items parameters but has no pages: it refuses these by name.
            foreach (var refused in operation.Parameters?.Where(p => p.In == ParameterLocation.Query && ExportEndpoints.RefusedNames.Contains(p.Name ?? "")).ToList() ?? [])
            {
                operation.Parameters!.Remove(refused);
            }

            return Task.CompletedTask;
        }

        if (context.Description.RelativePath?.EndsWith("/items", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query) ?? [])
        {
            switch (parameter.Name)
            {
                case "limit":
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Minimum = "1",
                        Maximum = ItemsQueryParser.MaxLimit.ToString(CultureInfo.InvariantCulture),
                        Default = JsonValue.Create(ItemsQueryParser.DefaultLimit),
                    };
                    break;
                case "resultType":
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [JsonValue.Create("results"), JsonValue.Create("hits")],
                        Default = JsonValue.Create("results"),
                    };
                    parameter.Description = "hits: no features, and numberMatched counted exactly (a page's count is an estimate past a limit, numberMatchedIsEstimate). GeoJSON only.";
                    break;
                case PageCursor.Parameter:
                    parameter.Description = "Where the page starts: the opaque token of a next link (follow next as given). Not with offset.";
                    break;
            }
        }

        return Task.CompletedTask;
    }
}
