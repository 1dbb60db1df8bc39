namespace Geo.Api.Analysis;

/// <summary>
/// What a printed report's map draws behind the result so a reader can place it: the district outline and the
/// township seats with their names, read from the store like every other layer.
/// </summary>
internal sealed record ReportBackdrop(IReadOnlyList<Geometry> Outlines, IReadOnlyList<(Geometry Seat, string Name)> Seats)
{
    public static async Task<ReportBackdrop> LoadAsync(IFeatureStore store, CancellationToken cancellationToken)
    {
        var outlines = await GeometriesAsync(store, Catalog.District, cancellationToken);
        var seats = await GeometriesAsync(store, Catalog.Townships, cancellationToken);
        return new ReportBackdrop(outlines.Select(f => f.Geometry).ToList(), seats.Select(f => (f.Geometry, (string?)f.Name ?? "")).ToList());
    }

    /// <summary>Draws the outline and the seats behind whatever the map shows; they do not widen its frame.</summary>
    public SvgMap DrawOn(SvgMap map)
    {
        foreach (var outline in Outlines)
        {
            map.AddBackdrop(outline, "fill:none;stroke:#495057;stroke-width:1.5;stroke-dasharray:8 3 2 3");
        }

        foreach (var (seat, name) in Seats)
        {
            map.AddBackdrop(seat, "fill:#fff;stroke:#212529;stroke-width:1", name);
        }

        return map;
    }

    private static async Task<List<(Geometry Geometry, object? Name)>> GeometriesAsync(IFeatureStore store, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        var found = new List<(Geometry, object?)>();
        await using var page = await store.QueryPageAsync(new FeatureQuery(collection), cancellationToken);
        await foreach (var feature in page.Features.WithCancellation(cancellationToken))
        {
            if (feature.Geometry is { IsEmpty: false } geometry)
            {
                found.Add((geometry, feature["name"]));
            }
        }

        return found;
    }
}
