namespace Geo.Api.OgcApi.Tiles;

/// <summary>The OGC API – Tiles and Tile Matrix Set classes implemented: vector tilesets per collection in MVT.</summary>
internal static class TilesConformance
{
    public static readonly IReadOnlyList<string> Classes =
    [
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
        "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
    ];

    public const string TilingSchemesRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";

    public const string VectorTilesetsRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
}
