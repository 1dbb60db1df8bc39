using NetTopologySuite.IO;

namespace Geo.Core.Filters;

/// <summary>
/// Turns a geometry literal of either encoding into a <see cref="GeometryLiteral"/>, so that whatever is wrong with it
/// (unclosed ring, too few points, coordinates outside the filter CRS's area of use, invalid) is a
/// <see cref="FilterException"/> that names where it is, never an exception from the WKT or GeoJSON reader (the
/// CQL2-JSON parser in Geo.Api hands its GeoJSON reader's errors over as <see cref="FormatException"/>); too many
/// vertices is the same limit as for a drawn geometry (<see cref="InputLimits.MaxVertices"/>: 413), also naming where.
/// </summary>
public static class GeometryLiteralReader
{
    public static GeometryLiteral Read(string encoding, string where, Func<Geometry> read, Func<Geometry, Geometry> toStorage)
    {
        Geometry geometry;
        try
        {
            geometry = read();
        }
        catch (Exception e) when (e is ParseException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new FilterException($"{encoding}: at {where}: not a valid geometry: {e.Message}", e);
        }

        if (geometry.Coordinates.FirstOrDefault(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)) is { } infinite)
        {
            throw new FilterException($"{encoding}: at {where}: the coordinate ({infinite.X}, {infinite.Y}) is beyond the range of a number");
        }

        InputLimits.CheckVertices(geometry, "filter", $"{encoding}: at {where}: ");

        try
        {
            return GeometryLiteral.InStorage(toStorage(geometry));
        }
        catch (FilterException e)
        {
            throw new FilterException($"{encoding}: at {where}: {e.Message}", e);
        }
    }
}
