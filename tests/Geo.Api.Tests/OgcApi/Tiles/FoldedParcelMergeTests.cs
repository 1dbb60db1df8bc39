using Geo.Api.Backends.Embedded.Internal;
using Geo.Api.GisData;
using Geo.Api.OgcApi.Tiles;
using Geo.Core.Crs;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;
using NetTopologySuite.IO;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>
/// A merged tileMatrix-12 tile snaps every parcel to the tile grid before the union, and snapping can fold a valid
/// parcel over itself: these two (a notch whose two corners swap sides when rounded to the grid, found by search in
/// PostGIS) made GEOS refuse the whole tile ("side location conflict") before <c>ST_MakeValid</c> went into
/// <c>PostGisVectorTiles.MergedSql</c>. Both stores must merge the tile, the class's shape covering the two parcels'
/// area as PostGIS computes it. Own database, because the test adds parcels.
/// </summary>
public sealed class FoldedParcelMergeTests(PostGisStoreFixture database) : IClassFixture<PostGisStoreFixture>
{
    private const int Z = 12, Row = 1674, Col = 3281;

    /// <summary>In the tile's south, away from gis-data's parcels, of a class no parcel of that tile has.</summary>
    private const string Class = "0103";

    private const string Source = "test parcel folded by snapping";

    /// <summary>
    /// In EPSG:3857 each is POLYGON((0 0,6 0,6 6,3.24 2.45,4.01 0.85,0 6,0 0)) in tile units (the second 6 units east),
    /// placed on the grid at (5052211, 1528474) units; snapped, the corners (3.24 2.45) and (4.01 0.85) cross. Here as
    /// stored, in EPSG:4490 (PostGIS's ST_Transform of those).
    /// </summary>
    private static readonly string[] Folded =
    [
        "POLYGON((108.408687114716 31.140431625758,108.408815860748 31.140431625758,108.408815860748 31.140541819728,108.408756637573 31.140476621645,108.408773159981 31.140447236578,108.408687114716 31.140541819728,108.408687114716 31.140431625758))",
        "POLYGON((108.408815860748 31.140431625758,108.408944606781 31.140431625758,108.408944606781 31.140541819728,108.408885383606 31.140476621645,108.408901906014 31.140447236578,108.408815860748 31.140541819728,108.408815860748 31.140431625758))",
    ];

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task A_parcel_that_snapping_folds_over_itself_merges_without_error(string kind)
    {
        var cancellationToken = CancellationToken.None;
        var tiles = kind == "postgis" ? await PostGisTilesAsync() : EmbeddedTiles();

        var merged = await tiles.GetMergedTileAsync(Catalog.Parcels, new TileAddress(Z, Col, Row), 50_000, cancellationToken);

        var areas = await database.Database.ScalarAsync<string>(
            $"""
            SELECT concat_ws(' ', sum(ST_Area(ST_Transform(g, 3857))), sum(ST_Perimeter(ST_Transform(g, 3857))), 2 * 20037508.342789244 / 4096 / 4096,
                             (SELECT count(*) FROM parcels WHERE land_use_code = '{Class}' AND source <> '{Source}'
                                AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope({Z}, {Col}, {Row}), 4490))))
            FROM unnest(ARRAY[{string.Join(", ", Folded.Select(w => $"ST_GeomFromText('{w}', 4490)"))}]) g
            """);
        var (area, outline, unit, others) = Parse(areas);
        var shapes = (await Gdal.MvtFeaturesAsync(merged.Bytes, Z, Row, Col))
            .Where(f => f.GetProperty("properties").GetProperty("land_use_code").GetString() == Class)
            .ToList();

        Assert.Equal(0, others);
        var shape = Assert.Single(shapes);
        var drawn = await database.Database.ScalarAsync<double>(
            "SELECT ST_Area(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 3857)))", shape.GetProperty("geometry").GetRawText());
        Assert.True(Math.Abs(drawn - area) <= outline * unit, $"drawn {drawn:F1} m², the parcels cover {area:F1} m² (±{outline * unit:F1})");
    }

    private static (double Area, double Outline, double Unit, long Others) Parse(string text)
    {
        var parts = text.Split(' ').Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2], (long)parts[3]);
    }

    private async Task<IVectorTileSource> PostGisTilesAsync()
    {
        await database.Database.ScalarAsync<int>(
            $"""
            WITH added AS (
                INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
                SELECT (SELECT max(id) FROM parcels) + n, ST_Multi(ST_GeomFromText(w, 4490)), '{Class}', '旱地', 137.6, '500154001', NULL,
                       '{Source}', 'schematic', true
                FROM unnest(ARRAY['{string.Join("', '", Folded)}']) WITH ORDINALITY AS f(w, n)
                WHERE NOT EXISTS (SELECT 1 FROM parcels WHERE source = '{Source}')
                RETURNING 1)
            SELECT count(*)::int FROM added
            """);
        return new PostGisVectorTiles(database.DataSource);
    }

    private static NtsVectorTiles EmbeddedTiles()
    {
        var store = new InMemoryFeatureStore(GisDataFolder.Load(RepoPaths.GisData));
        var reader = new WKTReader(Cgcs2000.GeometryFactory.GeometryServices);
        var first = store.MaxId(Catalog.Parcels) + 1;
        store.Apply(Catalog.Parcels, Folded.Select((wkt, i) =>
        {
            var polygon = (NetTopologySuite.Geometries.Polygon)reader.Read(wkt);
            var feature = new Feature(first + i, Cgcs2000.GeometryFactory.CreateMultiPolygon([polygon]), new Dictionary<string, object?>
            {
                ["land_use_code"] = Class,
                ["land_use"] = "旱地",
                ["area_m2"] = 137.6,
                ["township_code"] = "500154001",
                ["zone_id"] = null,
                ["source"] = Source,
                ["location_precision"] = "schematic",
                ["illustrative"] = true,
            });
            return (feature.Id, (Feature?)feature);
        }).ToList());
        return new NtsVectorTiles(store);
    }
}
