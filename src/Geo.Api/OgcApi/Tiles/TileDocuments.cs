using System.Text.Json.Serialization;

namespace Geo.Api.OgcApi.Tiles;

// The JSON documents of OGC API – Tiles (OGC 20-057) and the OGC Two Dimensional Tile Matrix Set 2.0 (OGC 17-083r4),
// named so that docs/openapi.json gives each a schema; field names are the standards' own.

/// <summary><c>/tileMatrixSets</c>: the tile matrix sets tiles are served in.</summary>
internal sealed record TileMatrixSetList(IReadOnlyList<TileMatrixSetItem> TileMatrixSets);

/// <summary>A tile matrix set as the list names it, with a link to its definition.</summary>
internal sealed record TileMatrixSetItem(string Id, string Title, string Uri, string Crs, IReadOnlyList<Link> Links);

/// <summary>A tile matrix set's definition (TileMatrixSet 2.0 JSON encoding).</summary>
internal sealed record TileMatrixSetDefinition(
    string Id, string Title, string Uri, string Crs, IReadOnlyList<string> OrderedAxes, string WellKnownScaleSet,
    IReadOnlyList<TileMatrixDefinition> TileMatrices);

/// <summary>One zoom level of a tile matrix set: its grid of tiles and their size on the ground.</summary>
internal sealed record TileMatrixDefinition(
    string Id, double ScaleDenominator, double CellSize, string CornerOfOrigin, IReadOnlyList<double> PointOfOrigin,
    int TileWidth, int TileHeight, long MatrixWidth, long MatrixHeight);

/// <summary><c>/tiles</c> and <c>/collections/{id}/tiles</c>: the tilesets of the dataset or of one collection.</summary>
internal sealed record TilesetList(IReadOnlyList<Link> Links, IReadOnlyList<TilesetItem> Tilesets);

/// <summary>A tileset as the list names it: its tile matrix set and the links to its metadata and tiles.</summary>
internal sealed record TilesetItem(
    string Title, string DataType, string Crs, [property: JsonPropertyName("tileMatrixSetURI")] string TileMatrixSetUri,
    IReadOnlyList<Link> Links);

/// <summary>A tileset's metadata: what the list says, and the layer its tiles hold.</summary>
internal sealed record TilesetMetadata(
    string Title, string DataType, string Crs, [property: JsonPropertyName("tileMatrixSetURI")] string TileMatrixSetUri,
    IReadOnlyList<Link> Links, IReadOnlyList<TilesetLayer> Layers);

/// <summary>
/// A layer of the tiles. <c>geometryDimension</c> is 0 points, 1 lines, 2 polygons, null when a layer mixes them;
/// <c>description</c> says which tile matrices show the layer generalised, and how (null when none do).
/// </summary>
internal sealed record TilesetLayer(string Id, string Title, string? Description, string DataType, int? GeometryDimension, TileLayerSchema PropertiesSchema);

/// <summary>A JSON Schema of the properties a tile's features carry (the id and those styling needs).</summary>
internal sealed record TileLayerSchema(string Type, IReadOnlyDictionary<string, TileLayerProperty> Properties);

internal sealed record TileLayerProperty(string Title);
