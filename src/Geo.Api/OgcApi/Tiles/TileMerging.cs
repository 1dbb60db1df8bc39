using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.OverlayNG;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The tiles at <see cref="TileGeneralisation.MergedZoom"/> made in the process (the embedded store), as PostGIS makes
/// them with <c>ST_Union(ST_SnapToGrid(geom, unit))</c>: each class's features snapped in Web Mercator to the tile's grid
/// of one tile unit, then unioned. Snapped, a vertex two neighbours share lands on the same point for both, so their
/// common edge dissolves; the grid's origin is Web Mercator's (its half side is 2^(z + 11) units), so it is the grid
/// the tile is encoded on and snapping moves nothing the encoding would not.
/// </summary>
internal static class TileMerging
{
    /// <summary>The features' lon/lat geometries clipped to the tile and its buffer and unioned: one (multi)polygon, lon/lat.</summary>
    public static Geometry Merge(IReadOnlyList<Geometry> lonLat, TileAddress tile)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        ArgumentNullException.ThrowIfNull(tile);
        var clip = tile.LonLatEnvelope((double)TileAddress.Buffer / TileAddress.Extent);
        var unit = tile.UnitMetres;
        var pieces = new List<Geometry>(lonLat.Count);
        foreach (var geometry in lonLat)
        {
            // Clipped first: a tile merges its own few thousand parcels' pieces, whatever reaches in from outside.
            var piece = clip.Contains(geometry.EnvelopeInternal) ? geometry.Copy() : geometry.Intersection(geometry.Factory.ToGeometry(clip));
            piece.Apply(new Projection(x => Snap(TileAddress.MercatorX(x)), y => Snap(TileAddress.MercatorY(y))));
            // Snapping can fold a thin corner over itself, and the union refuses an invalid input.
            if (!piece.IsValid)
            {
                piece = GeometryFixer.Fix(piece);
            }

            // A clip can leave a line or point where a feature only touches the buffer's edge: areas only.
            pieces.AddRange(PolygonExtracter.GetPolygons(piece));
        }

        var factory = lonLat.Count > 0 ? lonLat[0].Factory : GeometryFactory.Default;
        var merged = OverlayNGRobust.Union(factory.BuildGeometry(pieces));
        merged.Apply(new Projection(TileAddress.Longitude, TileAddress.Latitude));
        return merged;

        double Snap(double metres) => Math.Round(metres / unit) * unit;
    }

    /// <summary>Projects every coordinate in place, x and y apart (Web Mercator's axes are independent).</summary>
    private sealed class Projection(Func<double, double> x, Func<double, double> y) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, x(seq.GetX(i)));
            seq.SetY(i, y(seq.GetY(i)));
        }
    }
}
