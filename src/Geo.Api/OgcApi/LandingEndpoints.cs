using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.OgcApi;

/// <summary>The landing page and the conformance declaration.</summary>
internal static class LandingEndpoints
{
    /// <summary>Exactly what is implemented: QGIS pushes filters to the server only for the classes declared here.</summary>
    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
        "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic",
        .. TilesConformance.Classes,
        .. ItemEditEndpoints.ConformanceClasses,
    ];

    public static JsonHttpResult<LandingPage> Landing(HttpRequest request) => TypedResults.Json(new LandingPage(
        "开州区“小县大城”试点规划地图服务",
        "Kaizhou small-county-big-city pilot: projects, zones, parcels, constraints and relocation flows (OGC API – Features)",
        [
            new Link(OgcLinks.Absolute(request, OgcLinks.Root), "self", OgcMediaTypes.Json, "本页"),
            new Link(OgcLinks.Absolute(request, OgcLinks.OpenApiPath), "service-desc", OgcMediaTypes.OpenApi, "OpenAPI 3 文档"),
            new Link(OgcLinks.Absolute(request, OgcLinks.ApiDocsPath), "service-doc", "text/html", "API 说明"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/conformance"), "conformance", OgcMediaTypes.Json, "符合的标准"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/collections"), "data", OgcMediaTypes.Json, "数据集合"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/tileMatrixSets"), TilesConformance.TilingSchemesRel, OgcMediaTypes.Json, "瓦片矩阵集"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/tiles"), TilesConformance.VectorTilesetsRel, OgcMediaTypes.Json, "矢量瓦片（全部图层）"),
        ]), OgcJson.Options);

    public static JsonHttpResult<ConformanceDeclaration> Conformance() => TypedResults.Json(new ConformanceDeclaration(ConformanceClasses), OgcJson.Options);
}
