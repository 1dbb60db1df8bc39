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

    /// <summary>
    /// Patches checked against whole builds of the same features, one edit after another, each patching the grid the
    /// last one made: a small feature given a class the grid has not met and no longer illustrative (inside a large
    /// ring whose box centre is in its cell, and whose outline is far from it), a large feature moved, a small one
    /// removed and a large one added. The source here reads as the embedded one does: the features meeting the search
    /// box, then those the area names. Every tile drawn and the tiles said to hold anything, at each zoom over the
    /// features, as a whole build's.
    /// </summary>
    [Fact]
    public void A_chain_of_patches_draws_what_whole_builds_of_the_edited_features_draw()
    {
        string[] classes = ["0101", "0301", "0701", "1001"];
        var features = new Dictionary<long, (Geometry Geometry, string Class, bool Illustrative)>();
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                var (x, y) = (108.399 + i * 0.001, 31.199 + j * 0.001);
                features[1 + i * 12 + j] = (Rectangle(x, y, x + 0.0008, y + 0.0008), classes[(i + j) % 4], (i + j) % 5 == 0);
            }
        }

        features[1001] = (Rectangle(108.37, 31.18, 108.39, 31.19), "0301", false);
        features[1002] = (Rectangle(108.42, 31.21, 108.45, 31.215), "1101", false);
        features[1003] = (Wkt.Read("POLYGON ((108.38 31.185, 108.43 31.185, 108.43 31.225, 108.38 31.225, 108.38 31.185), (108.385 31.19, 108.425 31.19, 108.425 31.22, 108.385 31.22, 108.385 31.19))"), "0701", true);
        var overview = TileOverview.Build(Catalog.Parcels, Input(features, null));
        var ringCentre = TileGeneralisation.FinestCell(features[1003].Geometry.EnvelopeInternal);
        var inRing = features.First(f => f.Key < 1000 && TileGeneralisation.FinestCell(f.Value.Geometry.EnvelopeInternal) == ringCentre).Key;

        Edit(inRing, f => f with { Class = "9999", Illustrative = false });
        Edit(1002, f => f with { Geometry = NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(0.01, -0.005).Transform(f.Geometry) });
        Edit(30, _ => null);
        Edit(2001, _ => (Rectangle(108.404, 31.204, 108.41, 31.206), "0301", false));

        void Edit(long id, Func<(Geometry Geometry, string Class, bool Illustrative), (Geometry Geometry, string Class, bool Illustrative)?> change)
        {
            var before = features.TryGetValue(id, out var old) ? old : default;
            var after = change(before);
            var unedited = TileOverview.Build(Catalog.Parcels, Input(features, null));
            var changed = ChangedArea.Union([before.Geometry?.EnvelopeInternal, after?.Geometry.EnvelopeInternal])!;
            if (after is { } written)
            {
                features[id] = written;
            }
            else
            {
                features.Remove(id);
            }

            var area = overview.AreaOf(changed);
            Assert.NotNull(area);
            var patched = overview.Patched(area, Input(features, area));
            Assert.NotNull(patched);
            CheckSameDrawing(TileOverview.Build(Catalog.Parcels, Input(features, null)), patched, $"after the edit of {id}");
            // The grid patched from is shared with the patched one, and requests at its version may still draw from it.
            CheckSameDrawing(unedited, overview, $"the grid patched from, after the edit of {id}");
            overview = patched;
        }
    }

    /// <summary>
    /// Edits 10 km apart between two versions (more than <see cref="TileOverview.MaxPatchedCells"/> cells around both)
    /// are read again as areas of their own, two that meet joined in one, and patched in turn into what a whole
    /// build of the edited features draws; more areas than <see cref="TileOverview.MaxPatchedAreas"/> are read whole.
    /// </summary>
    [Fact]
    public void Edits_far_apart_are_patched_as_areas_of_their_own()
    {
        var features = new Dictionary<long, (Geometry Geometry, string Class, bool Illustrative)>();
        foreach (var (first, west, south) in new[] { (1, 108.40, 31.20), (101, 108.50, 31.15) })
        {
            for (var k = 0; k < 36; k++)
            {
                var (x, y) = (west + k % 6 * 0.001, south + k / 6 * 0.001);
                features[first + k] = (Rectangle(x, y, x + 0.0008, y + 0.0008), k % 2 == 0 ? "0101" : "0301", false);
            }
        }

        features[200] = (Rectangle(108.49, 31.14, 108.51, 31.145), "0701", false); // large, near the second group
        var overview = TileOverview.Build(Catalog.Parcels, Input(features, null));
        var changed = new List<Envelope>();
        Edit(8, f => f with { Class = "1001" });
        Edit(9, f => f with { Geometry = NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(-0.0005, 0).Transform(f.Geometry) }); // onto 8: the envelopes meet
        Edit(120, f => f with { Geometry = NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(0.0005, 0.0005).Transform(f.Geometry) });
        Edit(200, f => f with { Class = "0301" });

        Assert.Null(overview.AreaOf(ChangedArea.Union(changed)!));
        var areas = overview.AreasOf(changed);
        Assert.NotNull(areas);
        Assert.Equal(3, areas.Count); // 8 and 9 joined; 120; the large 200 (south of 120's, not meeting it)
        var patched = overview;
        foreach (var area in areas)
        {
            patched = patched.Patched(area, Input(features, area));
            Assert.NotNull(patched);
        }

        CheckSameDrawing(TileOverview.Build(Catalog.Parcels, Input(features, null)), patched, "after the edits far apart");
        Assert.Empty(overview.AreasOf([])!);
        // Two envelopes that do not meet but share a cell are one area, so that no cell is read in two.
        var size = TileGeneralisation.CellMetres(TileGeneralisation.MaxZoom);
        var (i, j) = TileGeneralisation.FinestCell(new Envelope(108.45, 108.45, 31.17, 31.17));
        var (cellWest, cellNorth) = (-TileAddress.OriginShift + i * size, TileAddress.OriginShift - j * size);
        Envelope InCell(double from, double to) => new(
            TileAddress.Longitude(cellWest + from * size), TileAddress.Longitude(cellWest + to * size),
            TileAddress.Latitude(cellNorth - 0.6 * size), TileAddress.Latitude(cellNorth - 0.4 * size));
        Assert.Single(overview.AreasOf([InCell(0.2, 0.3), InCell(0.6, 0.7)])!);
        Assert.Null(overview.AreasOf([.. Enumerable.Range(0, TileOverview.MaxPatchedAreas + 1).Select(k => new Envelope(108.40 + k * 0.01, 108.4001 + k * 0.01, 31.20, 31.2001))]));

        void Edit(long id, Func<(Geometry Geometry, string Class, bool Illustrative), (Geometry Geometry, string Class, bool Illustrative)> change)
        {
            var before = features[id];
            var after = change(before);
            features[id] = after;
            changed.Add(ChangedArea.Union([before.Geometry.EnvelopeInternal, after.Geometry.EnvelopeInternal])!);
        }
    }

    private static void CheckSameDrawing(TileOverview expected, TileOverview actual, string when)
    {
        Assert.Equal(expected.CellCount, actual.CellCount);
        for (var zoom = 0; zoom <= TileGeneralisation.MaxZoom; zoom++)
        {
            var tiles = expected.DrawnTiles(zoom).ToHashSet();
            Assert.True(tiles.SetEquals(actual.DrawnTiles(zoom)), $"{when}: the tiles drawn in at zoom {zoom} differ");
            foreach (var tile in tiles)
            {
                Assert.True(expected.Draw(tile).Bytes.SequenceEqual(actual.Draw(tile).Bytes), $"{when}: tile {tile} differs from a whole build's");
            }
        }
    }

    /// <summary>What a source reads of the features (whole, or of an area as the embedded store does: those meeting its search box).</summary>
    private static OverviewInput Input(Dictionary<long, (Geometry Geometry, string Class, bool Illustrative)> features, OverviewArea? area)
    {
        var cells = new List<OverviewCell>();
        var large = new List<LargeFeature>();
        var search = area is null ? null : new GeometryFactory(new PrecisionModel(), 4490).ToGeometry(area.Search);
        foreach (var (id, (geometry, @class, illustrative)) in features.OrderBy(f => f.Key))
        {
            if (search is not null && !geometry.Intersects(search))
            {
                continue;
            }

            var box = geometry.EnvelopeInternal;
            var (i, j) = TileGeneralisation.FinestCell(box);
            if (area is null || area.Holds(i, j))
            {
                cells.Add(new OverviewCell(i, j, @class, geometry.Area, illustrative));
            }

            if (TileGeneralisation.IsLarge(box, TileGeneralisation.MaxZoom) && (area is null || area.HoldsLarge(box)))
            {
                large.Add(new LargeFeature(id, box, new NetTopologySuite.Features.Feature(geometry,
                    MvtEncoding.Attributes(new Feature(id, geometry, new Dictionary<string, object?> { ["land_use_code"] = @class }), TileProperties.For(Catalog.Parcels)))));
            }
        }

        return new OverviewInput(cells, [.. large.OrderByDescending(l => l.Side).ThenBy(l => l.Id)]);
    }

    private static Geometry Rectangle(double west, double south, double east, double north) =>
        Wkt.Read(FormattableString.Invariant($"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"));

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
