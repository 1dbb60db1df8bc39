using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Analysis;

/// <summary>
/// The embedded store's analyses without any database: rectangles and points drawn in EPSG:4545 metres near Kaizhou
/// (WKT in, NTS-style), so every expected area and distance is figured by hand from the drawing. Through lon/lat a
/// straight 4545 edge bends by well under a millimetre over these 100–300 m, so areas hold to 0.1 m² and distances to
/// 1 mm. The gis-data cases against PostGIS stay in <see cref="AnalysisCases"/>.
/// </summary>
public sealed class NtsSpatialAnalysisTests
{
    private const double M2 = 0.1;
    private const double Metre = 0.001;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Zone 1: 200 m × 100 m; zone 2: 100 m × 100 m, 1 km away; facilities 500 m (a 3-4-5 triangle) and 2 km from the origin.</summary>
    private static readonly NtsSpatialAnalysis Analysis = new(new InMemoryFeatureStore(DataSet(
        zones: [Feature(1, "POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"), Feature(2, "POLYGON ((1000 0, 1100 0, 1100 100, 1000 100, 1000 0))")],
        facilities: [Feature(1, "POINT (300 400)"), Feature(2, "POINT (2000 0)")])));

    [Fact]
    public void A_rectangle_drawn_in_4545_measures_its_width_times_height()
    {
        var area = GaussKruger108.AreaOf(Drawn("POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"));

        Assert.Equal(20_000, area.SquareMetres, M2);
        Assert.Equal(2, area.Hectares, M2 / 10_000);
        Assert.Equal(30, area.Mu, M2);
    }

    [Fact]
    public async Task A_subject_over_half_of_zone_1_overlaps_it_by_100_by_100_metres_and_misses_zone_2()
    {
        var overlaps = await Analysis.IntersectionsAsync(Drawn("POLYGON ((100 -50, 300 -50, 300 150, 100 150, 100 -50))"), Catalog.Zones, null, None);

        var overlap = Assert.Single(overlaps);
        Assert.Equal(1, overlap.Feature.Id);
        Assert.Equal(100 * 100, overlap.Area.SquareMetres, M2);
        Assert.Equal(200 * 100, overlap.FeatureArea.SquareMetres, M2);
    }

    [Fact]
    public async Task The_part_of_a_subject_outside_every_zone_is_its_area_less_the_covered_part()
    {
        // 300 m × 100 m from x = 100 to 400: zone 1 covers x = 100…200, nothing covers x = 200…400.
        var (outside, area) = await Analysis.DifferenceAsync(Drawn("POLYGON ((100 0, 400 0, 400 100, 100 100, 100 0))"), Catalog.Zones, null, None);

        Assert.Equal(200 * 100, area.SquareMetres, M2);
        Assert.False(outside.IsEmpty);
    }

    [Fact]
    public async Task Facilities_within_a_radius_are_those_nearer_than_it_with_their_straight_line_distance()
    {
        var origin = Drawn("POINT (0 0)");

        var within600 = await Analysis.WithinDistanceAsync(origin, Catalog.Facilities, 600, None);
        var within499 = await Analysis.WithinDistanceAsync(origin, Catalog.Facilities, 499, None);

        var nearest = Assert.Single(within600);
        Assert.Equal(1, nearest.Feature.Id);
        Assert.Equal(500, nearest.DistanceMetres, Metre);
        Assert.Empty(within499);
    }

    /// <summary>WKT in metres relative to (537000 E, 3450000 N), about Kaizhou's old town, turned into CGCS2000 lon/lat.</summary>
    private static Geometry Drawn(string wkt)
    {
        var local = new WKTReader().Read(wkt);
        local.Apply(new Shift(537_000, 3_450_000));
        return GaussKruger108.Unproject(local);
    }

    private static Feature Feature(long id, string wkt) => new(id, Drawn(wkt), new Dictionary<string, object?>());

    private static GisDataSet DataSet(IReadOnlyList<Feature> zones, IReadOnlyList<Feature> facilities) =>
        new("drawn", Catalog.All.ToDictionary(
            c => c.Id,
            c => c == Catalog.Zones ? zones : c == Catalog.Facilities ? facilities : (IReadOnlyList<Feature>)[]));

    private sealed class Shift(double east, double north) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, seq.GetX(i) + east);
                seq.SetY(i, seq.GetY(i) + north);
            }
        }
    }
}
