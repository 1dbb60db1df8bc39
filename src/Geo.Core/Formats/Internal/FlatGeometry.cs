using NetTopologySuite.Geometries.Utilities;

namespace Geo.Core.Formats.Internal;

/// <summary>
/// A geometry without its Z and M: storage is two-dimensional (the PostGIS columns refuse "Geometry has Z dimension but
/// column does not" at the end of an import), so the heights or measures a file carries (a PolygonZ shapefile, 3D
/// GeoJSON) are dropped as they are read, as <c>ogr2ogr -dim XY</c> would.
/// </summary>
internal static class FlatGeometry
{
    public static Geometry Of(Geometry geometry)
    {
        var check = new HasZOrM();
        geometry.Apply(check);
        if (!check.Found)
        {
            return geometry;
        }

        var flat = new XYTransformer().Transform(geometry);
        flat.SRID = geometry.SRID;
        return flat;
    }

    // Asks each coordinate sequence once, not each coordinate: this runs for every row of an import.
    private sealed class HasZOrM : IEntireCoordinateSequenceFilter
    {
        public bool Found { get; private set; }

        public bool Done => Found;

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq) => Found = seq.HasZ || seq.HasM;
    }

    private sealed class XYTransformer : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var flat = Factory.CoordinateSequenceFactory.Create(coords.Count, Ordinates.XY);
            for (var i = 0; i < coords.Count; i++)
            {
                flat.SetX(i, coords.GetX(i));
                flat.SetY(i, coords.GetY(i));
            }

            return flat;
        }
    }
}
