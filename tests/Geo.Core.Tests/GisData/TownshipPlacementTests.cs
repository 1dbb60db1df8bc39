using System.Globalization;
using Geo.Core.Plan;

namespace Geo.Core.Tests.GisData;

/// <summary>
/// The district's features are where the sources put the towns: seats read straight from gis-data/sources/ (not through
/// the generator or the gis-data reader), and everything that names a township near that seat.
/// </summary>
public sealed class TownshipPlacementTests
{
    private const double SeatToleranceMetres = 1;
    private const double NamedTownMaxMetres = 5000;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4490);
    private static readonly GisDataSet Data = RepoGisData.Set;
    private static readonly Dictionary<string, Point> SourcedSeats = ReadSourcedSeats();
    private static readonly List<(string Code, string Name)> Townships = Data[Catalog.Townships]
        .Select(t => ((string)t["code"]!, (string)t["name"]!)).ToList();

    [Fact]
    public void Every_township_seat_is_the_sourced_point()
    {
        Assert.Equal(39, SourcedSeats.Count);
        var seats = Data[Catalog.Townships].ToDictionary(t => (string)t["code"]!);
        foreach (var (code, sourced) in SourcedSeats)
        {
            var seat = seats[code];
            Assert.True(GaussKruger108.DistanceMetres(seat.Geometry!, sourced) <= SeatToleranceMetres, $"seat {code} is not the sourced point");
            Assert.Equal("sourced_point", seat["location_precision"]);
            Assert.Equal(false, seat["illustrative"]);
        }

        var zhendong = seats["500154004"];
        Assert.Equal("schematic", zhendong["location_precision"]);
        Assert.Contains("no sourced point", (string)zhendong["source"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_zone_facility_and_flow_end_that_names_a_township_lies_within_5_km_of_its_seat()
    {
        var zones = Data[Catalog.Zones].ToDictionary(z => z.Id);
        var checkedPlaces = new List<(string What, string Code, Geometry Geometry)>();
        foreach (var zone in zones.Values)
        {
            checkedPlaces.Add(($"zone {zone.Id}", (string)zone["township_code"]!, zone.Geometry!));
        }

        foreach (var facility in Data[Catalog.Facilities])
        {
            if (NamedIn((string)facility["name"]!) is { } code)
            {
                checkedPlaces.Add(($"facility {facility.Id} {facility["name"]}", code, facility.Geometry!));
            }
        }

        foreach (var flow in Data[Catalog.RelocationFlows])
        {
            var line = (LineString)flow.Geometry!;
            if (Townships.Any(t => t.Code == (string)flow["origin_code"]!))
            {
                checkedPlaces.Add(($"flow {flow.Id} origin", (string)flow["origin_code"]!, line.StartPoint));
            }

            var destination = zones[(long)flow["destination_zone"]!];
            checkedPlaces.Add(($"flow {flow.Id} destination", (string)destination["township_code"]!, line.EndPoint));
        }

        Assert.Contains(checkedPlaces, p => p.What.StartsWith("facility", StringComparison.Ordinal));
        var far = checkedPlaces.Where(p => SourcedSeats.ContainsKey(p.Code))
            .Select(p => (p.What, Metres: GaussKruger108.DistanceMetres(p.Geometry, SourcedSeats[p.Code])))
            .Where(p => p.Metres > NamedTownMaxMetres)
            .Select(p => $"{p.What}: {p.Metres:0} m").ToList();
        Assert.True(far.Count == 0, "far from the seat of the township they name: " + string.Join("; ", far));
    }

    [Fact]
    public void The_high_speed_rail_resettlement_areas_lie_beside_their_stations()
    {
        var stations = Data[Catalog.Facilities].Where(f => (string?)f["kind"] == "railway_station").ToList();
        Assert.Equal(2, stations.Count);
        Assert.All(stations, s => Assert.Equal("sourced_point", s["location_precision"]));
        var zones = Data[Catalog.Zones].ToDictionary(z => (string)z["name"]!);
        var yuexi = stations.Single(s => ((string)s["name"]!).StartsWith("岳溪", StringComparison.Ordinal));
        var unnamed = stations.Single(s => s != yuexi);
        Assert.True(GaussKruger108.DistanceMetres(zones["岳溪高铁片区"].Geometry!, yuexi.Geometry!) < 1500);
        Assert.True(GaussKruger108.DistanceMetres(zones["竹溪高铁片区"].Geometry!, unnamed.Geometry!) < 1500);
    }

    [Fact]
    public void The_report_counts_precisions_per_layer_and_flags_no_feature_far_from_its_town()
    {
        var findings = DataQualityReport.Check(Data, PlanFigures.Load(RepoPaths.GisData));

        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            var counts = CountPrecisions(collection.FileName);
            var line = Assert.Single(findings, f => f.Subject == collection.Id && f.Message.Contains("precision:", StringComparison.Ordinal));
            Assert.EndsWith("precision: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")), line.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(findings, f => f.Message.Contains("farther than", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == "zones" && f.Message.StartsWith("13 features name a township", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_flags_a_zone_moved_away_from_its_town()
    {
        var moved = Data[Catalog.Zones].Select(z => z.Id == 12 ? z with { Geometry = Shift(z.Geometry!, 0.1) } : z).ToList();
        var data = new GisDataSet(Data.Folder, Catalog.All.ToDictionary(c => c.Id, c => c == Catalog.Zones ? moved : Data[c]));

        var findings = DataQualityReport.Check(data, PlanFigures.Load(RepoPaths.GisData));

        var flag = Assert.Single(findings, f => f.Subject == "zones" && f.Message.Contains("farther than 3 km", StringComparison.Ordinal));
        Assert.Contains("id 12 (竹溪镇 500154118", flag.Message, StringComparison.Ordinal);
    }

    /// <summary>The township a facility's name names: its full name or its name without 街道/镇/乡, but not 汉丰 of 汉丰湖.</summary>
    private static string? NamedIn(string name)
    {
        var text = name.Replace("汉丰湖", "~~~", StringComparison.Ordinal);
        return Townships
            .Select(t => (t.Code, Index: text.IndexOf(t.Name.Length > 3 && t.Name.EndsWith("街道", StringComparison.Ordinal) ? t.Name[..^2] : t.Name.TrimEnd('镇', '乡'), StringComparison.Ordinal)))
            .Where(t => t.Index >= 0).OrderBy(t => t.Index).Select(t => t.Code).FirstOrDefault();
    }

    private static SortedDictionary<string, int> CountPrecisions(string file)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in GisDataFile.Features(file))
        {
            var precision = feature.GetProperty("properties").GetProperty("location_precision").GetString()!;
            counts[precision] = counts.GetValueOrDefault(precision) + 1;
        }

        return counts;
    }

    private static Geometry Shift(Geometry geometry, double degrees)
    {
        var copy = geometry.Copy();
        copy.Apply(new ShiftFilter(degrees));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>Seats from the Amap seat file and, for 汉丰街道, the WGS84 district seat row of places.csv.</summary>
    private static Dictionary<string, Point> ReadSourcedSeats()
    {
        var sources = Path.Combine(RepoPaths.GisData, "sources");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sources, "township_seats_amap_wgs84.geojson")));
        var seats = new Dictionary<string, Point>(StringComparer.Ordinal);
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            var xy = feature.GetProperty("geometry").GetProperty("coordinates");
            seats.Add(feature.GetProperty("properties").GetProperty("code").GetString()!,
                Factory.CreatePoint(new Coordinate(xy[0].GetDouble(), xy[1].GetDouble())));
        }

        var seatRow = File.ReadLines(Path.Combine(sources, "places.csv"))
            .Single(l => l.StartsWith("开州区 district seat point", StringComparison.Ordinal) && l.Contains(",WGS84", StringComparison.Ordinal))
            .Split(',');
        seats.Add("500154001", Factory.CreatePoint(new Coordinate(
            double.Parse(seatRow[1], CultureInfo.InvariantCulture), double.Parse(seatRow[2], CultureInfo.InvariantCulture))));
        return seats;
    }

    private sealed class ShiftFilter(double degrees) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + degrees);
    }
}
