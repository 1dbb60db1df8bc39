using Microsoft.AspNetCore.Http.Extensions;

namespace Geo.Api.OgcApi;

/// <summary>Absolute hrefs (GDAL and QGIS follow them as given), built from the request's scheme, host and path base.</summary>
internal static class OgcLinks
{
    public const string Root = "/ogcapi";
    public const string OpenApiPath = "/openapi/v1.json";
    public const string ApiDocsPath = "/api-docs";

    public static string Absolute(HttpRequest request, string path, QueryString query = default) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path, query);

    /// <summary>The current request's URL with some query parameters replaced, every other parameter kept (GDAL pages through next).</summary>
    /// <param name="drop">Parameters to leave out (a keyset next link drops <c>offset</c>).</param>
    public static string WithQuery(HttpRequest request, IReadOnlyDictionary<string, string> replacements, string? drop = null)
    {
        var parameters = request.Query
            .Where(p => !replacements.ContainsKey(p.Key) && p.Key != drop)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Concat(replacements.Select(r => new KeyValuePair<string, string?>(r.Key, r.Value)));
        return Absolute(request, request.Path, QueryString.Create(parameters));
    }
}
