using Microsoft.AspNetCore.TestHost;
using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>
/// A parcel edited through the service makes the generalised tiles around it again and keeps the others as made. Proved
/// by tampering: the merged tileMatrix-12 tile holding the parcel, and a tileMatrix-12 and a tileMatrix-11 tile far from
/// it, are swapped in the tile cache for marker bytes once the service has made all its tiles; after the edit the far
/// ones are still answered as their markers (kept, not made again) and the near one is merged again. Own service and
/// data (the class fixture), since a parcel is changed.
/// </summary>
public abstract class TileCarryCases(ServiceFactory factory)
{
    private const string TileRoot = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/{0}/{1}/{2}";

    /// <summary>
    /// First a property no tile carries (the 地类名称; tiles carry the 地类编码) is changed: every tile is kept, the one
    /// holding the parcel too, while the item answers the new value. Then the class: the tile holding the parcel is made
    /// again, the far ones are kept. (One test: an embedded store, once edited, stores no tiles for the set-up to wait for.)
    /// </summary>
    [Fact]
    public async Task An_edited_parcel_makes_the_tiles_around_it_again_and_keeps_the_others()
    {
        var (generalising, client, marked, parcel) = await MarkedAsync(factory);
        using var service = generalising;
        await PatchAsync(service, parcel, """{"land_use":"瓦片保留测试"}""");

        Assert.Equal("瓦片保留测试", JsonDocument.Parse(await client.GetStringAsync($"/ogcapi/collections/parcels/items/{parcel}")).RootElement
            .GetProperty("properties").GetProperty("land_use").GetString());
        foreach (var (tile, marker) in new[] { marked.Near, marked.Far, marked.FarLow })
        {
            var answered = await BytesAsync(client, tile);
            Assert.True(marker.AsSpan().SequenceEqual(answered), $"tile {tile} was made again after an edit of the 地类名称");
        }

        await PatchClassAsync(service, client, parcel);

        Assert.NotEqual(marked.Near.Marker, await BytesAsync(client, marked.Near.Tile));
        Assert.Equal(marked.Far.Marker, await BytesAsync(client, marked.Far.Tile));
        Assert.Equal(marked.FarLow.Marker, await BytesAsync(client, marked.FarLow.Tile));
    }

    /// <summary>Gives the parcel another 三调 class (0601 工业用地 or, when it has that, 0701 城镇住宅用地), which its tiles draw.</summary>
    internal static async Task PatchClassAsync(WebApplicationFactory<Program> service, HttpClient client, long parcel)
    {
        var code = JsonDocument.Parse(await client.GetStringAsync($"/ogcapi/collections/parcels/items/{parcel}")).RootElement
            .GetProperty("properties").GetProperty("land_use_code").GetString();
        await PatchAsync(service, parcel, $$"""{"land_use_code":"{{(code == "0601" ? "0701" : "0601")}}"}""");
    }

    /// <summary>Edits the parcel's properties through the service, as an editor would (merge patch, If-Match).</summary>
    internal static async Task PatchAsync(WebApplicationFactory<Program> service, long parcel, string properties)
    {
        var editor = service.CreateClient();
        await editor.AuthorizeAsync(service.Services, Role.Editor);
        var item = await editor.GetAsync($"/ogcapi/collections/parcels/items/{parcel}");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogcapi/collections/parcels/items/{parcel}")
        {
            Content = new StringContent($$"""{"properties":{{properties}}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", item.Headers.ETag!.ToString());
        var response = await editor.SendAsync(patch);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A service generalising the parcels that built its grid and made and stored all its tiles, with three tiles marked
    /// (<see cref="MarkAsync"/>), and the first parcel's id; the caller disposes the service. Stored tiles are removed
    /// first, so that the service builds its grid (tiles of zoom 0–11 are kept across edits only by a service that did).
    /// </summary>
    internal static async Task<(WebApplicationFactory<Program> Service, HttpClient Client, Marked Marked, long Parcel)> MarkedAsync(ServiceFactory factory)
    {
        await using (var clear = factory.Reference.DataSource.CreateCommand("DELETE FROM generalised_tiles"))
        {
            await clear.ExecuteNonQueryAsync();
        }

        var service = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "10").ConfigureTestServices(CountingTileSource.Install));
        var client = service.CreateClient();
        var version = (await service.Services.GetRequiredService<IFeatureStore>().GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0];
        var stored = service.Services.GetRequiredService<IGeneralisedTileStore>();
        var madeBy = service.Services.GetRequiredService<TileOverviews>().MadeBy;
        for (var waited = 0; (await stored.ReadAsync(Catalog.Parcels, version, madeBy, CancellationToken.None)).Count == 0; waited += 200)
        {
            Assert.True(waited < 120_000, "the service stored no generalised tiles in 120 s");
            await Task.Delay(200);
        }

        var first = (await ItemsAsync(client, "limit=1&sortby=id"))[0];
        var last = (await ItemsAsync(client, "limit=1&sortby=-id"))[0];
        var (near, far) = (TileOf(first), TileOf(last));
        Assert.True(Math.Max(Math.Abs(near.Y - far.Y), Math.Abs(near.X - far.X)) >= 3, $"tiles {near} and {far} are too close");
        var marked = new Marked(
            await MarkAsync(service, client, near, version),
            await MarkAsync(service, client, far, version),
            await MarkAsync(service, client, new TileAddress(11, far.X / 2, far.Y / 2), version));
        return (service, client, marked, first.GetProperty("id").GetInt64());
    }

    /// <summary>The tile holding the first parcel, one holding the last (three or more tiles away, so at least one tile of 12 lies between the first and the tileMatrix-11 tile) and the tileMatrix-11 tile over that one.</summary>
    internal sealed record Marked((TileAddress Tile, byte[] Marker) Near, (TileAddress Tile, byte[] Marker) Far, (TileAddress Tile, byte[] Marker) FarLow);

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/ogcapi/collections/parcels/items?{query}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    /// <summary>The z12 tile of the centre of the feature's bounding box (its coordinates walked here, lon/lat).</summary>
    private static TileAddress TileOf(JsonElement feature)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        Walk(feature.GetProperty("geometry").GetProperty("coordinates"));
        var (lon, lat) = ((minX + maxX) / 2, (minY + maxY) / 2);
        return new TileAddress(12, (int)((lon + 180) / 360 * 4096), (int)((1 - Math.Asinh(Math.Tan(lat * Math.PI / 180)) / Math.PI) / 2 * 4096));

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
    /// Swaps the tile (as made at <paramref name="version"/>) in the tile cache for its bytes with the last one changed,
    /// kept as made by the generalisation at that version: the marker, which the service then answers.
    /// </summary>
    private static async Task<(TileAddress, byte[])> MarkAsync(WebApplicationFactory<Program> service, HttpClient client, TileAddress tile, string version)
    {
        var marker = await BytesAsync(client, tile);
        Assert.NotEmpty(marker);
        marker[^1] ^= 0xFF;
        service.Services.GetRequiredService<TileCache>().Keep(TileCache.Key([Catalog.Parcels], tile), version, new VectorTileAnswer(marker, 1), costly: true);
        Assert.Equal(marker, await BytesAsync(client, tile));
        return (tile, marker);
    }

    internal static async Task<byte[]> BytesAsync(HttpClient client, TileAddress tile)
    {
        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, TileRoot, tile.Z, tile.Y, tile.X));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"tile {tile}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}

/// <summary>
/// The grid of zoom 0–11 patched after an edit through the service (<see cref="TileCarryCases"/>' set-up). Its own
/// service and data per store (the class fixture): an embedded store edited by another test stores no generalised
/// tiles, which the set-up waits for.
/// </summary>
public abstract class TileGridPatchCases(ServiceFactory factory)
{
    /// <summary>
    /// The tiles of zoom 0–11 over two parcels far apart, both given another class before a tile is asked for again,
    /// are drawn from the grid with both edits patched in: each is what a whole read of the edited collection builds,
    /// and the collection is read again only around each parcel (the counting tile source: an area read per edit, no
    /// second whole read).
    /// </summary>
    [Fact]
    public async Task The_grid_over_edited_parcels_is_patched_not_read_whole_again()
    {
        var (generalising, client, marked, parcel) = await TileCarryCases.MarkedAsync(factory);
        using var service = generalising;
        var source = service.Services.GetRequiredService<CountingTileSource>();
        // What a whole read draws before the edits (the service's own tiles of 11 and 12 far away are markers).
        var before = TileOverview.Build(Catalog.Parcels, await source.ReadOverviewAsync(Catalog.Parcels, null, CancellationToken.None));
        var wholeReads = source.WholeReads;
        var far = JsonDocument.Parse(await client.GetStringAsync("/ogcapi/collections/parcels/items?limit=1&sortby=-id")).RootElement
            .GetProperty("features")[0].GetProperty("id").GetInt64();
        var tiles = Enumerable.Range(0, TileGeneralisation.MaxZoom + 1)
            .SelectMany(z => new[] { marked.Near.Tile, marked.Far.Tile }.Select(t => new TileAddress(z, t.X >> (12 - z), t.Y >> (12 - z))))
            .Distinct().ToList();
        foreach (var tile in tiles)
        {
            await TileCarryCases.BytesAsync(client, tile); // drawn before the edits, from the grid they are patched into
        }

        var areaReads = source.AreaReads.Count;
        await TileCarryCases.PatchClassAsync(service, client, parcel);
        await TileCarryCases.PatchClassAsync(service, client, far);
        var drawnAfter = new List<byte[]>();
        foreach (var tile in tiles)
        {
            drawnAfter.Add(await TileCarryCases.BytesAsync(client, tile));
        }

        Assert.Equal(wholeReads, source.WholeReads);
        Assert.Equal(2, source.AreaReads.Count - areaReads);
        var whole = TileOverview.Build(Catalog.Parcels, await source.ReadOverviewAsync(Catalog.Parcels, null, CancellationToken.None));
        for (var k = 0; k < tiles.Count; k++)
        {
            Assert.True(whole.Draw(tiles[k]).Bytes.SequenceEqual(drawnAfter[k]), $"tile {tiles[k]} differs from a whole read's");
        }

        foreach (var edited in new[] { marked.Near.Tile, marked.Far.Tile })
        {
            var k = tiles.IndexOf(new TileAddress(TileGeneralisation.MaxZoom, edited.X >> 1, edited.Y >> 1));
            Assert.False(before.Draw(tiles[k]).Bytes.SequenceEqual(drawnAfter[k]), $"tile {tiles[k]} over an edited parcel is drawn as before");
        }
    }
}

public sealed class EmbeddedTileGridPatchTests(EmbeddedServiceFactory factory) : TileGridPatchCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisTileGridPatchTests(PostGisServiceFactory factory) : TileGridPatchCases(factory), IClassFixture<PostGisServiceFactory>;

public sealed class EmbeddedTileCarryTests(EmbeddedServiceFactory factory) : TileCarryCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisTileCarryTests(PostGisServiceFactory factory) : TileCarryCases(factory), IClassFixture<PostGisServiceFactory>
{
    /// <summary>
    /// An edit through the service logs the envelope of the feature, as PostGIS computes it, under the counter its
    /// statement moved the collection to (the last one); an edit of a property no tile carries logs a row with no
    /// envelope (known, and nothing drawn changed).
    /// </summary>
    [Fact]
    public async Task An_edit_logs_the_features_envelope_under_the_counter_it_moved_to()
    {
        var client = factory.CreateClient();
        var id = await factory.Reference.LongAsync("SELECT max(id) FROM parcels");
        const string Logged = "SELECT concat_ws(' ', counter, min_x, min_y, max_x, max_y) FROM collection_changes WHERE collection = 'parcels' "
            + "AND counter = (SELECT counter FROM collection_versions WHERE collection = 'parcels')";
        await PatchClassAsync(factory, client, id);

        Assert.Equal(
            await factory.Reference.TextAsync(
                "SELECT concat_ws(' ', (SELECT counter FROM collection_versions WHERE collection = 'parcels'), ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM parcels WHERE id = $1", id),
            await factory.Reference.TextAsync(Logged));

        await PatchAsync(factory, id, """{"land_use":"范围记录测试"}""");
        Assert.Equal(await factory.Reference.TextAsync("SELECT counter::text FROM collection_versions WHERE collection = 'parcels'"), await factory.Reference.TextAsync(Logged));
    }

    /// <summary>The store answers the edits between two versions with an envelope each that changed anything drawn, in order, as PostGIS computes them.</summary>
    [Fact]
    public async Task The_edits_between_two_versions_are_answered_an_envelope_each()
    {
        var store = factory.Services.GetRequiredService<IFeatureStore>();
        var client = factory.CreateClient();
        var (first, last) = (await factory.Reference.LongAsync("SELECT min(id) FROM parcels"), await factory.Reference.LongAsync("SELECT max(id) FROM parcels"));
        var from = (await store.GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0];
        await PatchClassAsync(factory, client, last);
        await PatchAsync(factory, first, """{"land_use":"范围记录测试"}""");
        await PatchClassAsync(factory, client, first);
        var to = (await store.GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0];

        var changed = await store.GetChangedAreaAsync(Catalog.Parcels, from, to, CancellationToken.None);
        Assert.True(changed.Known);
        Assert.Equal(
            await factory.Reference.TextAsync(
                "SELECT string_agg(concat_ws(' ', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)), ', ' ORDER BY id = $1 DESC) FROM parcels WHERE id IN ($1, $2)", last, first),
            string.Join(", ", changed.Extents.Select(e => FormattableString.Invariant($"{e.MinX} {e.MinY} {e.MaxX} {e.MaxY}"))));
    }

    /// <summary>A write the service did not log (psql, QGIS) may have changed anything: every tile is made again, the far one too.</summary>
    [Fact]
    public async Task A_write_made_outside_the_service_makes_every_tile_again()
    {
        var (generalising, client, marked, parcel) = await MarkedAsync(factory);
        using var service = generalising;
        await using (var command = factory.Reference.DataSource.CreateCommand("UPDATE parcels SET land_use = land_use WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = parcel });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Heard of when its notice arrives (DataVersionWatch), well under a millisecond here: until then the version
        // known, and so the marked tile, may be the one before the write.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Enumerable.SequenceEqual(marked.Near.Marker, await BytesAsync(client, marked.Near.Tile)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "the marked tile was still answered 5 s after a write by hand");
            await Task.Delay(5);
        }

        foreach (var (tile, marker) in new[] { marked.Near, marked.Far, marked.FarLow })
        {
            Assert.NotEqual(marker, await BytesAsync(client, tile));
        }
    }
}
