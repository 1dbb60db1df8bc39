namespace Geo.Api.Tests.Clients;

/// <summary>
/// QGIS 3.22 opens our vector tiles as an XYZ vector tile source (GDAL 3.6.2's OGCAPI driver cannot read them:
/// docs/GDAL-OGCAPI-TILES.md). What its own MVT decoder hands its renderer for a tile is compared with SQL against
/// ST_TileEnvelope: per layer and class, the same number of features with the same attributes, and the same area inside
/// the tile to within half a tile unit (of 4096 per side) along their outlines: what snapping to the tile's grid may move.
/// </summary>
public abstract class QgisVectorTileCases(ServiceFactory factory)
{
    private static readonly Dictionary<string, string[]> ClassFields = new()
    {
        ["parcels"] = ["land_use_code", "location_precision", "illustrative"],
        ["zones"] = ["kind", "location_precision", "illustrative"],
    };

    [Theory]
    [InlineData("ogcapi/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}", 14, 6697, 13125, "parcels")]
    [InlineData("ogcapi/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}", 12, 1674, 3281, "parcels")]
    [InlineData("ogcapi/tiles/WebMercatorQuad/{z}/{y}/{x}?collections=parcels,zones", 12, 1674, 3281, "parcels,zones")]
    public async Task Qgis_draws_a_tile_with_the_features_classes_and_areas_of_the_data(string path, int z, int row, int col, string layers)
    {
        var collections = layers.Split(',');
        var qgis = await Qgis.VectorTileFeaturesAsync(factory.ListeningAddress + path, z, row, col, collections, collections.SelectMany(c => ClassFields[c]).Distinct());

        Assert.True(qgis.GetProperty("valid").GetBoolean());
        Assert.Empty(qgis.GetProperty("errors").EnumerateArray());
        var decoded = qgis.GetProperty("features").EnumerateArray().ToList();
        var unit = 2 * 20037508.342789244 / (1 << z) / 4096;
        foreach (var collection in collections)
        {
            var key = $"concat_ws(' ', {string.Join(", ", ClassFields[collection].Select(f => f + "::text"))})";
            var inTile = $"FROM {collection} WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3)) GROUP BY 1";
            var clipped = "ST_Intersection(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3))";
            var counts = await factory.Reference.PairsAsync($"SELECT {key}, count(*) {inTile}", z, col, row);
            var areas = await factory.Reference.PairsAsync($"SELECT {key}, sum(ST_Area({clipped})) {inTile}", z, col, row);
            var outlines = (await factory.Reference.PairsAsync($"SELECT {key}, sum(ST_Perimeter({clipped})) {inTile}", z, col, row)).ToDictionary(p => p.Key, p => p.Value);
            var drawnByClass = decoded.Where(f => f.GetProperty("layer").GetString() == collection).ToLookup(f => Key(f, ClassFields[collection]));

            Assert.NotEmpty(counts);
            Assert.Equal(counts.Select(c => (c.Key, (long)c.Value)).OrderBy(c => c.Key, StringComparer.Ordinal), drawnByClass.Select(g => (g.Key, (long)g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
            foreach (var (cls, area) in areas)
            {
                var drawn = drawnByClass[cls].Sum(f => f.GetProperty("area").GetDouble());
                Assert.True(Math.Abs(drawn - area) <= unit / 2 * outlines[cls],
                    $"{collection} '{cls}' in tile {z}/{row}/{col}: QGIS draws {drawn:F1} m², the data {area:F1} m² (outline {outlines[cls]:F0} m, unit {unit:F2} m)");
            }
        }
    }

    private static string Key(JsonElement feature, IEnumerable<string> fields)
    {
        var attributes = feature.GetProperty("attributes");
        return string.Join(' ', fields.Select(f => attributes.GetProperty(f) switch
        {
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            var value => value.ToString(),
        }));
    }
}

public sealed class EmbeddedQgisVectorTileTests(EmbeddedServiceFactory factory) : QgisVectorTileCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisQgisVectorTileTests(PostGisServiceFactory factory) : QgisVectorTileCases(factory), IClassFixture<PostGisServiceFactory>;
