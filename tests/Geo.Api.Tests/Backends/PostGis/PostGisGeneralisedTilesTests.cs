namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A service started again on the same data takes the generalised tiles another one made from the
/// <c>generalised_tiles</c> table instead of making them again, and never takes tiles of another data version or made
/// under other tile settings. Proved by tampering: a stored tile is swapped for another stored tile's bytes, and only a
/// service that read the table answers the swapped bytes.
/// </summary>
public sealed class PostGisGeneralisedTilesTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    private const string TileRoot = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/{0}/{1}/{2}";

    /// <summary>The parcels' own version (migration 0011), which the generalised tiles are kept by.</summary>
    private const string Version = "SELECT 'postgis-' || epoch::text || '-parcels.' || coalesce((SELECT counter FROM collection_versions WHERE collection = 'parcels'), 0) FROM data_version";

    [Fact]
    public async Task A_restarted_service_answers_the_stored_tiles_of_its_data_version_and_settings_and_makes_the_others_again()
    {
        using var first = Generalising(10);
        var firstClient = first.CreateClient();
        var version = await factory.Reference.TextAsync(Version);
        await StoredAsync(version, "/above 10/");

        // Tiles of every zoom up to 12, and the merged ones of zoom 12 are those holding a parcel's bounding-box centre,
        // computed here with PostGIS's Web Mercator.
        var zooms = await factory.Reference.TextAsync("SELECT string_agg(DISTINCT tile_matrix::text, ',' ORDER BY tile_matrix::text) FROM generalised_tiles WHERE collection = 'parcels'");
        Assert.Equal(string.Join(',', Enumerable.Range(0, 13).Select(z => z.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)), zooms);
        var expectedMerged = await factory.Reference.TextAsync(
            """
            SELECT string_agg(DISTINCT floor((ST_X(c) + 20037508.342789244) / (2 * 20037508.342789244 / 4096))::int || '/'
                              || floor((20037508.342789244 - ST_Y(c)) / (2 * 20037508.342789244 / 4096))::int, ',')
            FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint((ST_XMin(geom) + ST_XMax(geom)) / 2, (ST_YMin(geom) + ST_YMax(geom)) / 2), 4490), 3857) AS c FROM parcels) p
            """);
        var storedMerged = await factory.Reference.TextAsync(
            "SELECT string_agg(tile_col || '/' || tile_row, ',' ORDER BY tile_col || '/' || tile_row) FROM generalised_tiles WHERE collection = 'parcels' AND tile_matrix = 12");
        Assert.Equal(expectedMerged.Split(',').Order(StringComparer.Ordinal), storedMerged.Split(','));

        // What is stored is what the service answers.
        var stored = await StoredTilesAsync();
        foreach (var (tile, bytes) in stored)
        {
            Assert.Equal(bytes, await TileBytesAsync(firstClient, tile));
        }

        // Swap one merged tile's bytes for another stored tile's.
        var (swapped, genuine) = stored.First(t => t.Tile.StartsWith("12/", StringComparison.Ordinal) && t.Bytes.Length > 0);
        var other = stored.First(t => t.Bytes.Length > 0 && !t.Bytes.AsSpan().SequenceEqual(genuine)).Bytes;
        await ExecuteAsync("UPDATE generalised_tiles SET mvt = $1 WHERE collection = 'parcels' AND tile_matrix || '/' || tile_row || '/' || tile_col = $2", other, swapped);

        using (var second = Generalising(10))
        using (var otherSettings = Generalising(11))
        {
            var (secondClient, otherClient) = (second.CreateClient(), otherSettings.CreateClient());
            Assert.Equal(other, await TileBytesAsync(secondClient, swapped));
            Assert.Equal(genuine, await TileBytesAsync(otherClient, swapped));

            // A write to another collection leaves the parcels' version: what the service has of them is answered still.
            await ExecuteAsync("DELETE FROM projects WHERE id = -1");
            Assert.Equal(version, await factory.Reference.TextAsync(Version));
            Assert.Equal(other, await TileBytesAsync(secondClient, swapped));

            // Every tile of zooms 9–11 over the parcels and one tile around: the service that read the store (which
            // answers a tile not stored as empty) answers what the one drawing from its own overview does.
            foreach (var tile in await TilesAroundParcelsAsync(9, 11))
            {
                Assert.Equal(await TileBytesAsync(otherClient, tile), await TileBytesAsync(secondClient, tile));
            }

            await StoredAsync(version, "/above 11/");
        }

        // Nor does a service started after it make them again: it takes the stored ones.
        await ExecuteAsync("UPDATE generalised_tiles SET made_by = replace(made_by, '/above 11/', '/above 10/') WHERE collection = 'parcels'");
        await ExecuteAsync("UPDATE generalised_tiles SET mvt = $1 WHERE collection = 'parcels' AND tile_matrix || '/' || tile_row || '/' || tile_col = $2", other, swapped);
        using (var afterOtherWrite = Generalising(10))
        {
            Assert.Equal(other, await TileBytesAsync(afterOtherWrite.CreateClient(), swapped));
        }

        // An edit through the service of a property no tile carries (the 地类名称) moves the parcels' version, and the
        // log says nothing drawn changed: a service started again answers the tiles stored at the old one.
        await OgcApi.Tiles.TileCarryCases.PatchAsync(factory, await factory.Reference.LongAsync("SELECT min(id) FROM parcels"), """{"land_use":"存储瓦片测试"}""");
        Assert.NotEqual(version, await factory.Reference.TextAsync(Version));
        using (var afterRename = Generalising(10))
        {
            var renamedClient = afterRename.CreateClient();
            Assert.Equal(other, await TileBytesAsync(renamedClient, swapped));

            // Another such edit through this service: it carries what it read, tileMatrix 0–11 too, without reading
            // the store again (a tile swapped there now is not answered).
            var (low, lowBytes) = (await StoredTilesAsync()).First(t => t.Tile.StartsWith("11/", StringComparison.Ordinal) && t.Bytes.Length > 0);
            Assert.Equal(lowBytes, await TileBytesAsync(renamedClient, low));
            var marker = lowBytes.ToArray();
            marker[^1] ^= 0xFF;
            await ExecuteAsync("UPDATE generalised_tiles SET mvt = $1 WHERE collection = 'parcels' AND tile_matrix || '/' || tile_row || '/' || tile_col = $2", marker, low);
            await OgcApi.Tiles.TileCarryCases.PatchAsync(afterRename, await factory.Reference.LongAsync("SELECT min(id) FROM parcels"), """{"land_use":"存储瓦片测试二"}""");
            Assert.Equal(lowBytes, await TileBytesAsync(renamedClient, low));
        }

        // A write to the parcels that changes nothing still moves their version, and, not made through the service,
        // may have changed anything: the stored tiles are of the old one.
        await ExecuteAsync("UPDATE parcels SET area_m2 = area_m2 WHERE id = (SELECT min(id) FROM parcels)");
        var moved = await factory.Reference.TextAsync(Version);
        Assert.NotEqual(version, moved);
        using var afterWrite = Generalising(10);
        Assert.Equal(genuine, await TileBytesAsync(afterWrite.CreateClient(), swapped));
        await StoredAsync(moved, "/above 10/");
        Assert.Equal(0, await factory.Reference.LongAsync("SELECT count(*) FROM generalised_tiles WHERE collection = 'parcels' AND data_version <> $1", moved));
    }

    /// <summary>The tiles of zooms <paramref name="from"/>–<paramref name="to"/> over the parcels' extent and one tile more each way, from PostGIS's Web Mercator.</summary>
    private async Task<List<string>> TilesAroundParcelsAsync(int from, int to)
    {
        var extent = (await factory.Reference.TextAsync(
            "SELECT concat_ws(' ', ST_XMin(e), ST_YMax(e), ST_XMax(e), ST_YMin(e)) FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom), 4490), 3857) AS e FROM parcels) p"))
            .Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        const double shift = 20037508.342789244;
        var tiles = new List<string>();
        for (var z = from; z <= to; z++)
        {
            var size = 2 * shift / (1 << z);
            for (var col = (int)Math.Floor((extent[0] + shift) / size) - 1; col <= (int)Math.Floor((extent[2] + shift) / size) + 1; col++)
            {
                for (var row = (int)Math.Floor((shift - extent[1]) / size) - 1; row <= (int)Math.Floor((shift - extent[3]) / size) + 1; row++)
                {
                    tiles.Add(FormattableString.Invariant($"{z}/{row}/{col}"));
                }
            }
        }

        return tiles;
    }

    private WebApplicationFactory<Program> Generalising(int aboveFeatures) =>
        factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", aboveFeatures.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Until a service's background pass has stored the tiles it made at <paramref name="version"/> under settings containing <paramref name="settings"/>.</summary>
    private async Task StoredAsync(string version, string settings)
    {
        for (var waited = 0; waited < 120_000; waited += 200)
        {
            if (await factory.Reference.LongAsync("SELECT count(*) FROM generalised_tiles WHERE collection = 'parcels' AND data_version = $1 AND strpos(made_by, $2) > 0", version, settings) > 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"no generalised tiles stored at {version} with {settings} after 120 s");
    }

    private async Task<List<(string Tile, byte[] Bytes)>> StoredTilesAsync()
    {
        await using var command = factory.Reference.DataSource.CreateCommand(
            "SELECT tile_matrix || '/' || tile_row || '/' || tile_col, mvt FROM generalised_tiles WHERE collection = 'parcels' ORDER BY tile_matrix, tile_row, tile_col");
        await using var reader = await command.ExecuteReaderAsync();
        var tiles = new List<(string, byte[])>();
        while (await reader.ReadAsync())
        {
            tiles.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }

        return tiles;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = factory.Reference.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The tile's bytes as answered (no Accept-Encoding: not gzipped), none for a 204.</summary>
    private static async Task<byte[]> TileBytesAsync(HttpClient client, string tile)
    {
        var parts = tile.Split('/');
        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, TileRoot, parts[0], parts[1], parts[2]));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"tile {tile}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
