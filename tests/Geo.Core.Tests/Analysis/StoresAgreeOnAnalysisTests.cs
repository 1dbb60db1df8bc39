using Geo.Api.Backends.PostGis.Internal;

namespace Geo.Core.Tests.Analysis;

/// <summary>
/// NTS and GEOS may cut polygons with vertices in another order; the figures must still agree to 0.01 m². This sweeps
/// every zone and every project through overlay and compliance on both stores, beyond the cases checked against SQL.
/// </summary>
[Collection(AnalysisCollection.Name)]
public sealed class StoresAgreeOnAnalysisTests(EmbeddedStoreFixture embedded, PostGisStoreFixture postGis)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly AnalysisTarget _nts = new(embedded.Store, new NtsSpatialAnalysis(embedded.Store));
    private readonly AnalysisTarget _sql = new(postGis.Store, new PostGisSpatialAnalysis(postGis.DataSource));

    [Fact]
    public async Task Overlay_of_every_zone_with_every_layer_gives_the_same_areas()
    {
        var request = new OverlayRequest
        {
            Collection = "zones",
            Ids = await embedded.Store.QueryAsync(new Geo.Core.Stores.FeatureQuery(Catalog.Zones), None).Select(z => z.Id).ToListAsync(),
            Layers = [new() { Layer = "constraints" }, new() { Layer = "parcels" }, new() { Layer = "zones" }],
        };

        var nts = Rows(await new Overlay(_nts.Store, _nts.Spatial).RunAsync(request, None));
        var sql = Rows(await new Overlay(_sql.Store, _sql.Spatial).RunAsync(request, None));

        Assert.True(nts.Count > 50);
        Assert.Equal(sql.Select(r => r.Key), nts.Select(r => r.Key));
        Assert.All(sql.Zip(nts), p => Assert.True(Math.Abs(p.First.Area - p.Second.Area) <= ReferenceSql.SquareMetreTolerance, $"{p.First.Key}: {p.First.Area} vs {p.Second.Area}"));
    }

    [Fact]
    public async Task Compliance_of_every_project_gives_the_same_verdicts_and_areas()
    {
        for (var id = 1; id <= 35; id++)
        {
            var nts = await new Compliance(_nts.Store, _nts.Spatial).RunAsync("projects", id, None);
            var sql = await new Compliance(_sql.Store, _sql.Spatial).RunAsync("projects", id, None);

            Assert.Equal(sql.Verdict, nts.Verdict);
            Assert.Equal(sql.Findings.Select(f => (f.Kind, f.ConstraintId)), nts.Findings.Select(f => (f.Kind, f.ConstraintId)));
            Assert.All(sql.Findings.Zip(nts.Findings), p => Assert.Equal(p.First.Area.SquareMetres, p.Second.Area.SquareMetres, ReferenceSql.SquareMetreTolerance));
        }
    }

    private static List<(string Key, double Area)> Rows(OverlayResult result) =>
        result.Subjects.SelectMany(s => s.Layers.SelectMany(l =>
            l.Classes.Select(c => ($"zone {s.Subject.Id} {l.Layer} {c.Class}", c.Area.SquareMetres))
                .Concat(l.Pieces.Select(p => ($"zone {s.Subject.Id} {l.Layer} feature {p.FeatureId}", p.Area.SquareMetres)))))
            .ToList();
}
