using Geo.Core.Filters;
using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>三线冲突: where 永久基本农田, 生态保护红线 and 城镇开发边界 overlap each other, feature by feature, with areas.</summary>
public sealed class ConstraintConflicts(IFeatureStore store, ISpatialAnalysis spatial)
{
    private static readonly (string A, string B)[] Pairs =
    [
        (Catalog.PermanentFarmland, Catalog.EcologicalRedline),
        (Catalog.PermanentFarmland, Catalog.UrbanBoundary),
        (Catalog.EcologicalRedline, Catalog.UrbanBoundary),
    ];

    public async Task<ConstraintConflictsResult> RunAsync(CancellationToken cancellationToken)
    {
        var constraints = await store.QueryAsync(new FeatureQuery(Catalog.Constraints), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var conflicts = new List<ConstraintConflict>();
        foreach (var (kindA, kindB) in Pairs)
        {
            foreach (var a in constraints.Where(c => (string?)c["kind"] == kindA))
            {
                var overlaps = await spatial.IntersectionsAsync(a.Geometry!, Catalog.Constraints, InList.Of("kind", kindB), cancellationToken).ConfigureAwait(false);
                conflicts.AddRange(overlaps
                    .Where(o => o.Area.SquareMetres > 0)
                    .Select(o => new ConstraintConflict(
                        kindA, Catalog.ConstraintKinds.TitleZh(kindA), a.Id, (string)a["name"]!,
                        kindB, Catalog.ConstraintKinds.TitleZh(kindB), o.Feature.Id, (string)o.Feature["name"]!,
                        AreaFigures.Of(o.Area), o.Intersection)));
            }
        }

        return new ConstraintConflictsResult(conflicts, DateTimeOffset.UtcNow);
    }
}

public sealed record ConstraintConflictsResult(IReadOnlyList<ConstraintConflict> Conflicts, DateTimeOffset ComputedAt);

public sealed record ConstraintConflict(
    string KindA, string KindALabel, long IdA, string NameA,
    string KindB, string KindBLabel, long IdB, string NameB,
    AreaFigures Area, Geometry Geometry);
