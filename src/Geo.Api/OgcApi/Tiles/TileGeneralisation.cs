namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// When and how tiles are generalised. At tileMatrix 0–<see cref="MaxZoom"/> a polygon collection of more than
/// <c>Tiles:GeneraliseAboveFeatures</c> features (default <see cref="DefaultAboveFeatures"/>) is drawn as a grid of
/// cells two pixels wide (<see cref="CellsPerTileSide"/> per tile side), each cell in the class (the collection's first
/// coded property, e.g. 地类编码) whose features, counted at the centre of their bounding boxes, have the most area in
/// it; features wider or taller than <see cref="LargeCells"/> cells are drawn as themselves on top. At those zooms a county's parcels are
/// smaller than a pixel: drawing each would cost a 118,000-feature tile and show no more than the cells do. At
/// <see cref="MergedZoom"/> the features are drawn, but merged: those of one class into one (multi)polygon per tile.
/// </summary>
internal static class TileGeneralisation
{
    public const int MaxZoom = 11;

    /// <summary>
    /// The zoom whose tiles hold the features merged per class, snapped to the tile grid first so that shared edges
    /// coincide and dissolve: the same pixels (the viewer outlines no parcel under 8 px, and a county's parcels are
    /// ~4 px here), a few thousand shapes a tile instead of ~17,800, which is what a browser's time goes on. The viewer
    /// draws its zoom 13 from these 512-px tiles.
    /// </summary>
    public const int MergedZoom = MaxZoom + 1;

    /// <summary>What a shape standing for many features carries (a cell, a merged class): <see cref="GeneralisedProperty"/> and the class, if any.</summary>
    public static NetTopologySuite.Features.AttributesTable GeneralisedAttributes(CollectionDefinition collection, object? @class)
    {
        var attributes = new NetTopologySuite.Features.AttributesTable { { GeneralisedProperty, true } };
        if (ClassProperty(collection) is { } classProperty && @class is not null)
        {
            attributes.Add(classProperty.Name, @class);
        }

        return attributes;
    }

    /// <summary>Cells per tile side: 2^7, so cell (i, j) at zoom z is cell (i &gt;&gt; 1, j &gt;&gt; 1) at zoom z - 1.</summary>
    public const int CellsPerTileSide = 1 << CellLevelOffset;

    public const int DefaultAboveFeatures = 20_000;

    /// <summary>At most this many large features are kept per collection (largest first); the rest show in their cells only.</summary>
    public const int MaxLargeFeatures = 100_000;

    private const int CellLevelOffset = 7;

    /// <summary>The property every generalised cell carries as true, so a client can tell a cell from a feature.</summary>
    public const string GeneralisedProperty = "generalised";

    public static bool CanApply(CollectionDefinition collection) => collection.Geometry == GeometryKind.MultiPolygon;

    public static int AboveFeatures(IConfiguration configuration) =>
        configuration.GetValue("Tiles:GeneraliseAboveFeatures", DefaultAboveFeatures);

    /// <summary>The property cells are coloured by: the first with a code list, or none (cells then only say where features are).</summary>
    public static PropertyDefinition? ClassProperty(CollectionDefinition collection) =>
        collection.Properties.FirstOrDefault(p => p.Codes is not null);

    /// <summary>A cell's side at <paramref name="zoom"/>, EPSG:3857 metres.</summary>
    public static double CellMetres(int zoom) => 2 * TileAddress.OriginShift / (1L << (zoom + CellLevelOffset));

    /// <summary>The cell at <see cref="MaxZoom"/> holding the centre of a bounding box in lon/lat.</summary>
    public static (int I, int J) FinestCell(Envelope lonLat) =>
        (FinestColumn((lonLat.MinX + lonLat.MaxX) / 2), FinestRow((lonLat.MinY + lonLat.MaxY) / 2));

    /// <summary>The column of finest cells holding a longitude (monotonic: a box's centre lies between its corners' columns).</summary>
    public static int FinestColumn(double longitude) => (int)Math.Floor((TileAddress.MercatorX(longitude) + TileAddress.OriginShift) / CellMetres(MaxZoom));

    /// <summary>The row of finest cells holding a latitude, counted from the north.</summary>
    public static int FinestRow(double latitude) => (int)Math.Floor((TileAddress.OriginShift - TileAddress.MercatorY(latitude)) / CellMetres(MaxZoom));

    /// <summary>
    /// Whether a feature with this lon/lat bounding box is drawn as itself at <paramref name="zoom"/>: wider or taller
    /// than <see cref="LargeCells"/> cells. Smaller ones show in the cell of their centre only, which leaves at most a
    /// few pixels of their neighbours' class where they reach into the next cell.
    /// </summary>
    public static bool IsLarge(Envelope lonLat, int zoom) => MercatorSide(lonLat) > LargeCells * CellMetres(zoom);

    /// <summary>Cells (of two pixels) a feature's longer side must exceed to be drawn as itself.</summary>
    public const int LargeCells = 4;

    /// <summary>The longer side of a lon/lat bounding box in EPSG:3857 metres.</summary>
    public static double MercatorSide(Envelope lonLat) => Math.Max(
        TileAddress.MercatorX(lonLat.MaxX) - TileAddress.MercatorX(lonLat.MinX),
        TileAddress.MercatorY(lonLat.MaxY) - TileAddress.MercatorY(lonLat.MinY));

    /// <summary>What the tileset metadata says about a generalised layer.</summary>
    public static string Description(CollectionDefinition collection) =>
        $"第0–{MaxZoom}级为概括显示：按约2像素的格网，每格取{ClassProperty(collection)?.TitleZh ?? "要素"}面积最大的一类"
        + $"（要素按外接矩形中心计入），格网要素带 {GeneralisedProperty}=true、无编号；边长超过4格的要素仍逐个绘出。"
        + $"第{MergedZoom}级同类相邻要素合并为一个面（{GeneralisedProperty}=true、无编号），第{MergedZoom + 1}级起逐要素。 tileMatrix 0–{MaxZoom} are generalised: cells of about 2 pixels, each in the "
        + $"{ClassProperty(collection)?.Name ?? "feature"} class with the most area of the features centred in it "
        + $"({GeneralisedProperty}=true, no id); features longer than 4 cells are drawn as themselves. "
        + $"At tileMatrix {MergedZoom} touching features of one class are merged into one shape ({GeneralisedProperty}=true, no id); "
        + $"from tileMatrix {MergedZoom + 1} every feature is drawn.";
}
