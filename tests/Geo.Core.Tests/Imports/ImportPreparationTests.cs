using Geo.Core.Imports;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Valid;

namespace Geo.Core.Tests.Imports;

/// <summary>
/// The geometry checks of an import row against NTS's own answers, computed here without the import's shortcuts:
/// <see cref="IsValidOp"/> for make-valid repairs and an unprepared <c>Intersects</c> for the district test. Random
/// polygons on a coarse grid give bow ties, spikes, touching and overlapping edges and repeated points in numbers.
/// </summary>
public sealed class ImportPreparationTests
{
    private const double Step = 0.01;
    private static readonly GeometryFactory Factory = Cgcs2000.GeometryFactory;

    [Fact]
    public void A_row_is_repaired_exactly_when_IsValidOp_finds_it_invalid()
    {
        var random = new Random(11);
        var polygons = new List<Polygon>();
        for (var i = 0; i < 3000; i++)
        {
            // 3 to 9 vertices on a 4 × 4 grid: many rings cross, touch or run back along themselves.
            var points = Enumerable.Range(0, random.Next(3, 10)).Select(_ => new Coordinate(108.4 + (random.Next(4) * Step), 31.2 + (random.Next(4) * Step))).ToList();
            points.Add(points[0].Copy());
            if (new LinearRing(new NetTopologySuite.Geometries.Implementation.CoordinateArraySequence([.. points]), Factory) is { } ring)
            {
                polygons.Add(Factory.CreatePolygon(ring));
            }
        }

        var plan = Prepare(polygons, district: null);

        var invalid = polygons.Select((p, i) => (Row: i + 1, Valid: new IsValidOp(p).IsValid)).Where(p => !p.Valid).Select(p => p.Row).ToHashSet();
        var repairedOrRefused = plan.Repairs.Select(r => r.Row).Concat(plan.Refusals.Where(r => r.Reason.Contains("make-valid", StringComparison.Ordinal)).Select(r => r.Row)).ToHashSet();
        Assert.InRange(invalid.Count, 500, 2500);
        Assert.Equal(invalid.Order(), repairedOrRefused.Order());
    }

    [Fact]
    public void Valid_parcels_of_one_ring_and_of_holes_or_many_parts_are_not_repaired()
    {
        var square = Box(108.40, 31.20, 108.41, 31.21);
        var withHole = Factory.CreatePolygon(square.Shell, [Box(108.402, 31.202, 108.404, 31.204).Shell]);
        var plan = Prepare([square, withHole, Factory.CreateMultiPolygon([square, Box(108.42, 31.20, 108.43, 31.21)])], district: null);
        Assert.Empty(plan.Repairs);
        Assert.DoesNotContain(plan.Refusals, r => r.Field == "geometry");
    }

    [Fact]
    public void A_row_is_refused_as_outside_exactly_when_it_does_not_intersect_the_district()
    {
        // A district with a notch and a hole, so that cells of its grid lie wholly inside, wholly outside and across it.
        var district = Factory.CreatePolygon(
            Factory.CreateLinearRing([new(108.0, 31.0), new(109.0, 31.0), new(109.0, 32.0), new(108.6, 32.0), new(108.5, 31.3), new(108.4, 32.0), new(108.0, 32.0), new(108.0, 31.0)]),
            [Box(108.7, 31.5, 108.8, 31.6).Shell]);
        var random = new Random(12);
        var parcels = new List<Polygon>();
        for (var i = 0; i < 20000; i++)
        {
            var (x, y) = (107.9 + (random.NextDouble() * 1.2), 30.9 + (random.NextDouble() * 1.2));
            var size = random.Next(3) switch { 0 => 0.0005, 1 => 0.01, _ => 0.05 };
            parcels.Add(Box(x, y, x + size, y + size));
        }

        var plan = Prepare(parcels, PreparedGeometryFactory.Prepare(district));

        var outside = parcels.Select((p, i) => (Row: i + 1, Inside: district.Intersects(p))).Where(p => !p.Inside).Select(p => p.Row);
        var refused = plan.Refusals.Where(r => r.Reason.Contains("no part of it is inside", StringComparison.Ordinal)).Select(r => r.Row);
        Assert.InRange(outside.Count(), 2000, 18000);
        Assert.Equal(outside.Order(), refused.Order());
    }

    private static Polygon Box(double minX, double minY, double maxX, double maxY) =>
        (Polygon)Factory.ToGeometry(new Envelope(minX, maxX, minY, maxY));

    private static ImportPlan Prepare(IEnumerable<Geometry> geometries, IPreparedGeometry? district)
    {
        var features = geometries.Select((g, i) => new ImportedFeature(i + 1, g, new Dictionary<string, object?>())).ToList();
        var layer = new ImportedLayer("test.geojson", FileFormat.GeoJson, SupportedCrs.Cgcs2000Geographic, "test", null, features);
        return ImportPreparation.Prepare(layer, Catalog.Parcels, new Dictionary<string, string>(), new Dictionary<string, string>(), district);
    }
}
