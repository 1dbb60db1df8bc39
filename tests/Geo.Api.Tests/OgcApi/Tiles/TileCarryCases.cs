using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>
/// A parcel edited through the service makes the generalised tiles around it again and keeps the others as made. Proved
/// by tampering: the merged tileMatrix-12 tile holding the parcel and one far from it are swapped in the tile cache for
/// marker bytes; after the edit the far one is still answered as the marker (kept, not merged again) and the near one
/// is merged again. Own service and data (the class fixture), since a parcel is changed.
/// </summary>
public abstract class TileCarryCases(ServiceFactory factory)
{
    private const string TileRoot = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/12/{0}/{1}";

    [Fact]
    public async Task An_edited_parcel_makes_the_tiles_around_it_again_and_keeps_the_others()
    {
        var (generalising, client, near, far, parcel, marker) = await MarkedAsync();
        using var service = generalising;
        var item = await client.GetAsync($"/ogcapi/collections/parcels/items/{parcel}");
        var editor = generalising.CreateClient();
        await editor.AuthorizeAsync(generalising.Services, Role.Editor);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogcapi/collections/parcels/items/{parcel}")
        {
            Content = new StringContent("""{"properties":{"land_use":"瓦片保留测试"}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", item.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(patch)).StatusCode);

        Assert.Equal(marker, await BytesAsync(client, far));
        Assert.NotEqual(marker, await BytesAsync(client, near));
    }

    /// <summary>
    /// A service generalising the parcels, with the merged tiles near the first parcel and far from it marked
    /// (<see cref="MarkAsync"/>); the caller disposes the service.
    /// </summary>
    protected async Task<(WebApplicationFactory<Program> Service, HttpClient Client, (int Row, int Col) Near, (int Row, int Col) Far, long Parcel, byte[] Marker)> MarkedAsync()
    {
        var service = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "10"));
        var client = service.CreateClient();
        var (near, far, parcel) = await TilesAsync(client);
        return (service, client, near, far, parcel, await MarkAsync(service, client, near, far));
    }

    /// <summary>
    /// Two z12 tiles holding parcels, from PostGIS's or the items' own coordinates: the one holding the centre of the
    /// first parcel's bounding box, and one holding the last parcel's, at least two tiles away; and the first parcel's id.
    /// </summary>
    private static async Task<((int Row, int Col) Near, (int Row, int Col) Far, long Parcel)> TilesAsync(HttpClient client)
    {
        var first = (await ItemsAsync(client, "limit=1&sortby=id"))[0];
        var last = (await ItemsAsync(client, "limit=1&sortby=-id"))[0];
        var (near, far) = (TileOf(first), TileOf(last));
        Assert.True(Math.Max(Math.Abs(near.Row - far.Row), Math.Abs(near.Col - far.Col)) >= 2, $"tiles {near} and {far} are too close");
        return (near, far, first.GetProperty("id").GetInt64());
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/ogcapi/collections/parcels/items?{query}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    /// <summary>The z12 tile of the centre of the feature's bounding box (its coordinates walked here, lon/lat).</summary>
    private static (int Row, int Col) TileOf(JsonElement feature)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        Walk(feature.GetProperty("geometry").GetProperty("coordinates"));
        var (lon, lat) = ((minX + maxX) / 2, (minY + maxY) / 2);
        return ((int)((1 - Math.Asinh(Math.Tan(lat * Math.PI / 180)) / Math.PI) / 2 * 4096), (int)((lon + 180) / 360 * 4096));

        void Walk(JsonElement coordinates)
        {
            if (coordinates[0].ValueKind == JsonValueKind.Number)
            {
                (minX, maxX) = (Math.Min(minX, coordinates[0].GetDouble()), Math.Max(maxX, coordinates[0].GetDouble()));
                (minY, maxY) = (Math.Min(minY, coordinates[1].GetDouble()), Math.Max(maxY, coordinates[1].GetDouble()));
                return;
            }

            foreach (var inner in coordinates.EnumerateArray())
            {
                Walk(inner);
            }
        }
    }

    /// <summary>
    /// Asks for both tiles (merged at the parcels' current version), then swaps both in the tile cache for the far
    /// tile's bytes with their last byte changed (still kept as merged at that version): the marker.
    /// </summary>
    private static async Task<byte[]> MarkAsync(WebApplicationFactory<Program> service, HttpClient client, (int Row, int Col) near, (int Row, int Col) far)
    {
        await BytesAsync(client, near);
        var marker = await BytesAsync(client, far);
        Assert.NotEmpty(marker);
        marker[^1] ^= 0xFF;
        var version = (await service.Services.GetRequiredService<IFeatureStore>().GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0];
        var cache = service.Services.GetRequiredService<TileCache>();
        foreach (var (row, col) in new[] { near, far })
        {
            cache.Keep(TileCache.Key([Catalog.Parcels], new TileAddress(12, col, row)), version, new VectorTileAnswer(marker, 1), costly: true);
        }

        Assert.Equal(marker, await BytesAsync(client, near));
        return marker;
    }

    protected static async Task<byte[]> BytesAsync(HttpClient client, (int Row, int Col) tile)
    {
        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, TileRoot, tile.Row, tile.Col));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"tile 12/{tile.Row}/{tile.Col}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}

public sealed class EmbeddedTileCarryTests(EmbeddedServiceFactory factory) : TileCarryCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisTileCarryTests(PostGisServiceFactory factory) : TileCarryCases(factory), IClassFixture<PostGisServiceFactory>
{
    /// <summary>
    /// An edit through the service logs the envelope of the feature, as PostGIS computes it, under the counter its
    /// statement moved the collection to (the last one).
    /// </summary>
    [Fact]
    public async Task An_edit_logs_the_features_envelope_under_the_counter_it_moved_to()
    {
        var client = factory.CreateClient();
        await client.AuthorizeAsync(factory.Services, Role.Editor);
        var id = await factory.Reference.LongAsync("SELECT max(id) FROM parcels");
        var item = await client.GetAsync($"/ogcapi/collections/parcels/items/{id}");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogcapi/collections/parcels/items/{id}")
        {
            Content = new StringContent("""{"properties":{"land_use":"范围记录测试"}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", item.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(patch)).StatusCode);

        Assert.Equal(
            await factory.Reference.TextAsync("SELECT concat_ws(' ', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM parcels WHERE id = $1", id),
            await factory.Reference.TextAsync(
                "SELECT concat_ws(' ', min_x, min_y, max_x, max_y) FROM collection_changes WHERE collection = 'parcels' AND counter = (SELECT counter FROM collection_versions WHERE collection = 'parcels')"));
    }

    /// <summary>A write the service did not log (psql, QGIS) may have changed anything: every tile is made again, the far one too.</summary>
    [Fact]
    public async Task A_write_made_outside_the_service_makes_every_tile_again()
    {
        var (generalising, client, near, far, parcel, marker) = await MarkedAsync();
        using var service = generalising;
        await using (var command = factory.Reference.DataSource.CreateCommand("UPDATE parcels SET land_use = land_use WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = parcel });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.NotEqual(marker, await BytesAsync(client, far));
        Assert.NotEqual(marker, await BytesAsync(client, near));
    }
}
