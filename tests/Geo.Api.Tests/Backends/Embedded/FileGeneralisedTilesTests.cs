using Geo.Api.Backends.Embedded.Internal;
using Geo.Api.OgcApi.Tiles;
using Microsoft.Extensions.Configuration;

namespace Geo.Api.Tests.Backends.Embedded;

/// <summary>
/// On the embedded store a service started again takes the generalised tiles the last one made from the state folder's
/// cache: a stored tile swapped for another's bytes is answered swapped. Tiles of an edited store, or of another data
/// version or build, are neither kept nor taken.
/// </summary>
public sealed class FileGeneralisedTilesTests : IDisposable
{
    private const string TileRoot = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/{0}/{1}/{2}";

    private readonly GisDataServiceFactory _factory = new(settings: new Dictionary<string, string> { ["Tiles:GeneraliseAboveFeatures"] = "10" });

    [Fact]
    public async Task A_restarted_service_answers_the_stored_tiles_of_the_data_as_loaded()
    {
        var client = _factory.CreateClient();
        var file = Path.Combine(_factory.Services.GetRequiredService<IConfiguration>()["IndicatorActuals:Path"]!, "cache", "generalised-tiles", "parcels.tiles");
        for (var waited = 0; !File.Exists(file) && waited < 60_000; waited += 100)
        {
            await Task.Delay(100);
        }

        var version = await _factory.Services.GetRequiredService<IFeatureStore>().GetDataVersionAsync(CancellationToken.None);
        var madeBy = _factory.Services.GetRequiredService<TileOverviews>().MadeBy;
        var kept = new FileGeneralisedTiles(Path.GetDirectoryName(file)!, () => version);
        var tiles = await kept.ReadAsync(Catalog.Parcels, version, madeBy, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 13), tiles.Select(t => t.Tile.Z).Distinct().Order());
        foreach (var (tile, answer) in tiles)
        {
            Assert.Equal(answer.Bytes, await TileBytesAsync(client, tile));
        }

        var swapped = tiles.First(t => t.Tile.Z == TileGeneralisation.MergedZoom && t.Answer.Bytes.Length > 0);
        var other = tiles.First(t => t.Answer.Bytes.Length > 0 && !t.Answer.Bytes.AsSpan().SequenceEqual(swapped.Answer.Bytes)).Answer;
        await kept.WriteAsync(Catalog.Parcels, version, madeBy, [.. tiles.Select(t => t == swapped ? t with { Answer = other } : t)], CancellationToken.None);

        using (var again = _factory.WithWebHostBuilder(_ => { }))
        {
            var againClient = again.CreateClient();
            Assert.Equal(other.Bytes, await TileBytesAsync(againClient, swapped.Tile));

            // An edit of another collection leaves the parcels as loaded: their stored tiles are answered still.
            var store = again.Services.GetRequiredService<EmbeddedStoreLoad>().Editor.Store;
            var project = await store.GetAsync(Catalog.Projects, 1, CancellationToken.None);
            store.Apply(Catalog.Projects, 1, project);
            Assert.Equal(other.Bytes, await TileBytesAsync(againClient, swapped.Tile));
        }

        // Not another version's (an edited store's), and nothing written for one.
        Assert.Empty(await kept.ReadAsync(Catalog.Parcels, version + "-1", madeBy, CancellationToken.None));
        var before = File.GetLastWriteTimeUtc(file);
        await kept.WriteAsync(Catalog.Parcels, version + "-1", madeBy, [], CancellationToken.None);
        Assert.Equal(before, File.GetLastWriteTimeUtc(file));
        Assert.NotEmpty(await kept.ReadAsync(Catalog.Parcels, version, madeBy, CancellationToken.None));

        using (var otherSettings = _factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "11")))
        {
            Assert.Equal(swapped.Answer.Bytes, await TileBytesAsync(otherSettings.CreateClient(), swapped.Tile));
        }
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<byte[]> TileBytesAsync(HttpClient client, TileAddress tile)
    {
        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, TileRoot, tile.Z, tile.Y, tile.X));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"tile {tile}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
