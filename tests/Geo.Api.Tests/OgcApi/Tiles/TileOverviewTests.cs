using Geo.Api.OgcApi.Tiles;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>
/// A service started again takes a tile not among the stored ones as empty, so <see cref="TileOverview.DrawnTiles"/>
/// must hold every tile <see cref="TileOverview.Draw"/> draws anything in. Checked against Draw itself over every tile
/// around the features, at each generalised zoom.
/// </summary>
public sealed class TileOverviewTests
{
    private static readonly WKTReader Wkt = new(new NtsGeometryServices(new PrecisionModel(), 4490));

    [Fact]
    public void Every_tile_anything_is_drawn_in_is_among_the_drawn_tiles_and_not_every_tile_is()
    {
        var (i, j) = TileGeneralisation.FinestCell(new Envelope(108.41, 108.41, 31.2, 31.2));
        var overview = TileOverview.Build(Catalog.Parcels, new OverviewInput(
            [new OverviewCell(i, j, "0101", 1, false)],
            [
                // A band far from the cell, a thin diagonal whose box holds many tiles it does not reach, and one whose
                // east side lies on a tile edge (lon 108.28125 is column 820 of tileMatrix 10, 1640 of 11, 410 of 9).
                CheckLarge(1, "POLYGON ((107.6 30.7, 108.9 30.7, 108.9 30.75, 107.6 30.75, 107.6 30.7))"),
                CheckLarge(2, "POLYGON ((107.7 31.0, 108.9 31.6, 108.9 31.61, 107.7 31.01, 107.7 31.0))"),
                CheckLarge(3, "POLYGON ((107.9 31.1, 108.28125 31.1, 108.28125 31.12, 107.9 31.12, 107.9 31.1))"),
            ]));

        var drawnSomewhere = 0;
        for (var zoom = 5; zoom <= TileGeneralisation.MaxZoom; zoom++)
        {
            var drawnTiles = overview.DrawnTiles(zoom);
            var around = TilesOver(zoom, new Envelope(107.3, 109.2, 30.4, 31.9)).ToList();
            foreach (var tile in around)
            {
                if (overview.Draw(tile).Features > 0)
                {
                    drawnSomewhere++;
                    Assert.Contains(tile, drawnTiles);
                }
            }

            Assert.DoesNotContain(TilesOver(zoom, new Envelope(60, 60, 45, 45)).Single(), drawnTiles);
        }

        Assert.True(drawnSomewhere > 20, $"only {drawnSomewhere} tiles drawn in: the features are not where this test means them to be");
    }

    private static LargeFeature CheckLarge(long id, string wkt)
    {
        var geometry = Wkt.Read(wkt);
        return new(id, geometry.EnvelopeInternal, new NetTopologySuite.Features.Feature(geometry,
            MvtEncoding.Attributes(new Feature(id, geometry, new Dictionary<string, object?> { ["land_use_code"] = "0301" }), TileProperties.For(Catalog.Parcels))));
    }

    private static IEnumerable<TileAddress> TilesOver(int zoom, Envelope lonLat)
    {
        var size = 360.0 / (1 << zoom);
        var tileOf = (double lon, double lat) => new TileAddress(zoom, (int)Math.Floor((lon + 180) / size),
            (int)Math.Floor((1 - Math.Log(Math.Tan(Math.PI / 4 + lat * Math.PI / 360)) / Math.PI) / 2 * (1 << zoom)));
        var (northWest, southEast) = (tileOf(lonLat.MinX, lonLat.MaxY), tileOf(lonLat.MaxX, lonLat.MinY));
        for (var x = northWest.X; x <= southEast.X; x++)
        {
            for (var y = northWest.Y; y <= southEast.Y; y++)
            {
                yield return new TileAddress(zoom, x, y);
            }
        }
    }
}
