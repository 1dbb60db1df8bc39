using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geo.Core.Crs;

/// <summary>
/// CGCS2000 / 3-degree Gauss-Krüger CM 108E (EPSG:4545; not 4544, which is CM 105E), in which all areas and distances
/// are measured. Projected coordinates here are x = easting, y = northing (EPSG's axis order is northing first; that
/// only matters where coordinates leave the service).
/// </summary>
public static class GaussKruger108
{
    public const int Srid = 4545;

    public const string Wkt =
        """
        PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",
          GEOGCS["China Geodetic Coordinate System 2000",
            DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],
            PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],
          PROJECTION["Transverse_Mercator"],
          PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],
          PARAMETER["false_easting",500000],PARAMETER["false_northing",0],
          UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4545"]]
        """;

    internal static readonly MathTransform ForwardTransform = CreateForward();
    private static readonly MathTransform Inverse = ForwardTransform.Inverse();
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), Srid);

    /// <summary>Projects a CGCS2000 (lon/lat) geometry to easting/northing metres.</summary>
    public static Geometry Project(Geometry geographic)
    {
        var projected = Factory.CreateGeometry(geographic);
        projected.Apply(new MathTransformFilter(ForwardTransform));
        projected.SRID = Srid;
        return projected;
    }

    /// <summary>Turns easting/northing metres back into CGCS2000 lon/lat (for drawn input in EPSG:4545 and for buffers).</summary>
    public static Geometry Unproject(Geometry projected)
    {
        ArgumentNullException.ThrowIfNull(projected);
        var geographic = Cgcs2000.GeometryFactory.CreateGeometry(projected);
        geographic.Apply(new MathTransformFilter(Inverse));
        geographic.SRID = Cgcs2000.Srid;
        return geographic;
    }

    public static Area AreaOf(Geometry geographic) => new(Project(geographic).Area);

    public static double DistanceMetres(Geometry a, Geometry b) => Project(a).Distance(Project(b));

    private static MathTransform CreateForward()
    {
        var projected = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);
        return new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(projected.GeographicCoordinateSystem, projected).MathTransform;
    }
}
