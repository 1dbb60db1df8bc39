using NetTopologySuite;

namespace Geo.Core.Crs;

/// <summary>The storage CRS, CGCS2000 geographic (EPSG:4490). Stored coordinates are x = longitude, y = latitude.</summary>
public static class Cgcs2000
{
    public const int Srid = 4490;

    public static readonly GeometryFactory GeometryFactory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Srid);
}
