namespace Geo.Core.Filters;

/// <summary>CQL2's BBOX literal (4 or 6 numbers) as a polygon in the filter CRS's axis order as written.</summary>
public static class BboxGeometry
{
    public static Geometry FromValues(IReadOnlyList<double> values, string where)
    {
        var (minX, minY, maxX, maxY) = values.Count switch
        {
            4 => (values[0], values[1], values[2], values[3]),
            6 => (values[0], values[1], values[3], values[4]),
            _ => throw new FilterException($"CQL2: BBOX at {where} has {values.Count} numbers; it needs 4 (or 6 with heights)"),
        };
        if (minX > maxX || minY > maxY)
        {
            throw new FilterException($"CQL2: BBOX at {where} has its minimum above its maximum");
        }

        return new GeometryFactory().ToGeometry(new Envelope(minX, maxX, minY, maxY));
    }
}
