using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>
/// 一刻钟便民生活圈: for each resettlement area, which facility kinds lie within a distance of the area (0 inside it):
/// by road with pgRouting when a road network is loaded in PostGIS, otherwise in a straight line in EPSG:4545.
/// </summary>
public sealed class LivingCircle(IFeatureStore store, ISpatialAnalysis spatial)
{
    public const double DefaultDistanceMetres = 1000;
    public const double MaxDistanceMetres = 10000;
    public const string StraightLine = "直线距离（EPSG:4545，自安置区边界量起，区内为0）；未加载路网";
    public const string ByRoad = "路网距离（pgRouting，EPSG:4545 长度）：安置区与设施各自以直线接入最近道路上的最近点";

    /// <summary>The kinds a living circle needs; a clinic or a hospital both serve the medical need.</summary>
    public static readonly IReadOnlyList<(string Need, string[] FacilityKinds)> Needs =
    [
        ("school", ["school"]),
        ("clinic_or_hospital", ["clinic", "hospital"]),
        ("market", ["market"]),
        ("elderly_care", ["elderly_care"]),
        ("childcare", ["childcare"]),
        ("park", ["park"]),
    ];

    public async Task<LivingCircleResult> RunAsync(long? zoneId, double? distanceMetres, CancellationToken cancellationToken)
    {
        var distance = distanceMetres ?? DefaultDistanceMetres;
        if (double.IsNaN(distance) || distance <= 0 || distance > MaxDistanceMetres)
        {
            throw InputException.Invalid("distance_m", $"distance_m must be above 0 and at most {MaxDistanceMetres}");
        }

        List<Feature> zones;
        if (zoneId is { } id)
        {
            var zone = await store.GetAsync(Catalog.Zones, id, cancellationToken).ConfigureAwait(false)
                ?? throw InputException.NotFound("zone", $"there is no zone {id}; /ogcapi/collections/zones/items lists them");
            zones = [zone];
        }
        else
        {
            zones = await store.QueryAsync(new FeatureQuery(Catalog.Zones), cancellationToken)
                .Where(z => (string?)z["kind"] == Catalog.ResettlementZone).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var areas = new List<LivingCircleArea>();
        foreach (var zone in zones)
        {
            var nearby = await spatial.WithinDistanceAsync(zone.Geometry!, Catalog.Facilities, distance, cancellationToken).ConfigureAwait(false);
            var needs = Needs.Select(n =>
            {
                var facilities = nearby.Where(f => n.FacilityKinds.Contains((string)f.Feature["kind"]!)).ToList();
                return new NeedCoverage(
                    n.Need, Catalog.LivingNeeds.TitleZh(n.Need), facilities.Count > 0,
                    facilities.Select(f => new NearbyFacility(f.Feature.Id, (string)f.Feature["kind"]!, (string)f.Feature["name"]!, f.DistanceMetres)).ToList());
            }).ToList();
            // A clinic meets the medical need, but staff also want to see that no hospital is near, so missing kinds are listed too.
            var missingKinds = Catalog.FacilityKinds.Where(k => !nearby.Any(f => (string?)f.Feature["kind"] == k)).Select(Catalog.FacilityKinds.TitleZh).ToList();
            areas.Add(new LivingCircleArea(zone.Id, (string)zone["name"]!, needs, needs.Where(n => !n.Covered).Select(n => n.Label).ToList(), missingKinds, zone.Geometry!));
        }

        var coverage = Needs.Select(n => new KindCoverage(
            n.Need, Catalog.LivingNeeds.TitleZh(n.Need),
            areas.Count(a => a.Needs.Single(x => x.Need == n.Need).Covered),
            areas.Count)).ToList();
        var method = await spatial.RoadNetworkAsync(cancellationToken).ConfigureAwait(false) ? ByRoad : StraightLine;
        return new LivingCircleResult(distance, method, areas, coverage, DateTimeOffset.UtcNow);
    }
}

public sealed record LivingCircleResult(
    double DistanceMetres, string Method, IReadOnlyList<LivingCircleArea> Areas, IReadOnlyList<KindCoverage> Coverage, DateTimeOffset ComputedAt);

public sealed record LivingCircleArea(
    long ZoneId, string Name, IReadOnlyList<NeedCoverage> Needs, IReadOnlyList<string> Gaps, IReadOnlyList<string> MissingFacilityKinds,
    NetTopologySuite.Geometries.Geometry Geometry);

public sealed record NeedCoverage(string Need, string Label, bool Covered, IReadOnlyList<NearbyFacility> Facilities);

public sealed record NearbyFacility(long Id, string Kind, string Name, double DistanceMetres);

/// <summary>How many of the areas have this kind within the distance.</summary>
public sealed record KindCoverage(string Need, string Label, int AreasCovered, int Areas)
{
    public double? Share => Areas > 0 ? (double)AreasCovered / Areas : null;
}
