namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// What of a collection's generalised picture is read again after an edit (<see cref="TileOverview.AreaOf"/>): the
/// finest cells the changed area overlaps, whose class areas are summed again from every feature centred in them, and
/// the large features lying wholly within the changed area, read again as they are now.
/// </summary>
/// <param name="West">The first column of finest cells (<see cref="TileGeneralisation.FinestCell"/>).</param>
/// <param name="North">The first row.</param>
/// <param name="East">The last column.</param>
/// <param name="South">The last row.</param>
/// <param name="Changed">The changed area, lon/lat: large features whose bounding box lies within it are read again.</param>
/// <param name="Search">
/// A lon/lat box that every feature centred in the cells intersects, and every large feature within
/// <see cref="Changed"/> too: a source may read the features intersecting it (or whose bounding box does) and keep those
/// the other two parameters name.
/// </param>
internal sealed record OverviewArea(int West, int North, int East, int South, Envelope Changed, Envelope Search)
{
    public long CellCount => (long)(East - West + 1) * (South - North + 1);

    public bool Holds(int i, int j) => i >= West && i <= East && j >= North && j <= South;

    public bool HoldsLarge(Envelope box) => Changed.Covers(box);
}
