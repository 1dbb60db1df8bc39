using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>搬迁流向汇总: households and persons per origin, destination, year or reason, and each resettlement area's inflow against its capacity.</summary>
public sealed class FlowSummary(IFeatureStore store)
{
    public static readonly IReadOnlyList<string> Groupings = ["origin", "destination", "year", "reason"];

    public async Task<FlowSummaryResult> RunAsync(string groupBy, CancellationToken cancellationToken)
    {
        if (!Groupings.Contains(groupBy))
        {
            throw InputException.Invalid("group_by", $"unknown grouping '{groupBy}'; one of {string.Join(", ", Groupings)}");
        }

        var flows = await store.QueryAsync(new FeatureQuery(Catalog.RelocationFlows), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var zones = await store.QueryAsync(new FeatureQuery(Catalog.Zones), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        Func<Feature, (string Key, string Label)> key = groupBy switch
        {
            "origin" => f => ((string)f["origin_code"]!, (string)f["origin_name"]!),
            "destination" => f => (f["destination_zone"]!.ToString()!, (string)f["destination_name"]!),
            "year" => f => (f["year"]!.ToString()!, $"{f["year"]}年"),
            _ => f => ((string)f["reason"]!, (string)f["reason"]!),
        };
        var groups = flows.GroupBy(f => key(f).Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FlowGroup(g.Key, key(g.First()).Label, g.Count(), g.Sum(f => (long)f["households"]!), g.Sum(f => (long)f["persons"]!)))
            .ToList();
        var areas = zones.Where(z => z["capacity_households"] is long).Select(z =>
        {
            var inflow = flows.Where(f => (long)f["destination_zone"]! == z.Id).ToList();
            var capacity = (long)z["capacity_households"]!;
            var households = inflow.Sum(f => (long)f["households"]!);
            var utilisation = capacity > 0 ? (double)households / capacity : (double?)null;
            var over = households > capacity;
            return new ResettlementInflow(
                z.Id, (string)z["name"]!, capacity, households, inflow.Sum(f => (long)f["persons"]!), inflow.Count, utilisation, over,
                over ? $"超出安置容量 {households - capacity} 户" : null, z.Geometry!);
        }).ToList();
        return new FlowSummaryResult(
            groupBy, groups, flows.Sum(f => (long)f["households"]!), flows.Sum(f => (long)f["persons"]!), areas, DateTimeOffset.UtcNow);
    }
}

public sealed record FlowSummaryResult(
    string GroupBy, IReadOnlyList<FlowGroup> Groups, long TotalHouseholds, long TotalPersons,
    IReadOnlyList<ResettlementInflow> ResettlementAreas, DateTimeOffset ComputedAt);

public sealed record FlowGroup(string Key, string Label, int Flows, long Households, long Persons);

/// <summary>A resettlement area's inflow against <c>capacity_households</c>; utilisation is inflow ÷ capacity.</summary>
public sealed record ResettlementInflow(
    long ZoneId, string Name, long CapacityHouseholds, long InflowHouseholds, long InflowPersons, int Flows,
    double? Utilisation, bool OverCapacity, string? Warning, NetTopologySuite.Geometries.Geometry Geometry);
