using Geo.Core.GisData;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Geo.Core.Analysis;

/// <summary>A drawn geometry after reading: in CGCS2000 lon/lat, valid, with a note when it had to be repaired.</summary>
public sealed record GeometryInput(Geometry Geometry, Wording? Repair)
{
    private static readonly string[] Geographic =
    [
        "EPSG:4490", "http://www.opengis.net/def/crs/EPSG/0/4490", "urn:ogc:def:crs:EPSG::4490",
        "EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326", "urn:ogc:def:crs:EPSG::4326",
        "CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84",
    ];

    private static readonly string[] Projected =
        ["EPSG:4545", "http://www.opengis.net/def/crs/EPSG/0/4545", "urn:ogc:def:crs:EPSG::4545"];

    /// <summary>
    /// A drawn geometry as the client sent it. <paramref name="crs"/> may be lon/lat (CGCS2000, WGS84 or CRS84: the
    /// same at this accuracy) or EPSG:4545 easting/northing metres; none means lon/lat, as RFC 7946 says.
    /// </summary>
    public static GeometryInput Drawn(Geometry geometry, string? crs, string parameter = "geometry")
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsEmpty)
        {
            throw InputException.Invalid(parameter, "the geometry has no coordinates");
        }

        InputLimits.CheckVertices(geometry, parameter);
        if (geometry is GeometryCollection and not (MultiPoint or MultiLineString or MultiPolygon))
        {
            // Overlay and difference are not defined on mixed collections, and their area would count overlapping parts twice.
            throw InputException.Unprocessable(parameter, "a GeometryCollection cannot be analysed; send a Polygon or MultiPolygon (or a Point or LineString)");
        }

        return Repaired(ToGeographic(geometry, crs, parameter), parameter);
    }

    /// <summary>A geometry already in storage coordinates (from a file, say), repaired with make-valid where it is invalid.</summary>
    public static GeometryInput Repaired(Geometry geometry, string parameter = "geometry")
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsValid)
        {
            return new GeometryInput(geometry, null);
        }

        var error = new IsValidOp(geometry).ValidationError;
        var before = GaussKruger108.AreaOf(geometry).SquareMetres;
        var fixedGeometry = GeometryFixer.Fix(geometry);
        fixedGeometry.SRID = Cgcs2000.Srid;
        if (fixedGeometry.IsEmpty)
        {
            throw InputException.Invalid(parameter, $"the geometry is invalid ({error.Message}) and nothing is left after repair");
        }

        var after = GaussKruger108.AreaOf(fixedGeometry).SquareMetres;
        var where = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{error.Coordinate.X:0.#######}, {error.Coordinate.Y:0.#######}");
        var (was, now) = (before.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), after.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        return new GeometryInput(
            fixedGeometry,
            new Wording(
                $"输入图形无效（{error.Message}，位于 {where}），已用 make-valid 修复：修复前面积 {was} m²，修复后 {now} m²。",
                $"The input geometry was invalid ({error.Message} at {where}) and was repaired with make-valid: area before {was} m², after {now} m²."));
    }

    private static Geometry ToGeographic(Geometry geometry, string? crs, string parameter)
    {
        if (crs is null || Geographic.Contains(crs, StringComparer.OrdinalIgnoreCase))
        {
            var box = geometry.EnvelopeInternal;
            if (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
            {
                throw InputException.Invalid(
                    parameter, "coordinates are out of range for longitude/latitude; if they are EPSG:4545 metres, say so with \"crs\": \"EPSG:4545\"");
            }

            geometry.SRID = Cgcs2000.Srid;
            return geometry;
        }

        if (Projected.Contains(crs, StringComparer.OrdinalIgnoreCase))
        {
            var box = geometry.EnvelopeInternal;
            // EPSG:4545 eastings near Kaizhou are a few hundred km (false easting 500 km); lon/lat values would be tiny.
            if (box.MinX < 100000 || box.MaxX > 900000 || box.MinY < 0 || box.MaxY > 10000000)
            {
                throw InputException.Invalid(
                    parameter, "coordinates are not EPSG:4545 easting/northing metres (x = easting about 300000–700000, y = northing)");
            }

            var geographic = GaussKruger108.Unproject(geometry);
            if (!SupportedCrs.GaussKrugerAreaOfUse.Contains(geographic.EnvelopeInternal))
            {
                var area = SupportedCrs.GaussKrugerAreaOfUse;
                throw InputException.Invalid(parameter, $"the geometry reaches outside EPSG:4545's area of use (longitude {area.MinX}–{area.MaxX}, "
                    + $"latitude {area.MinY}–{area.MaxY}), where its areas would not be true; draw it in or near 开州区");
            }

            return geographic;
        }

        throw InputException.Invalid("crs", $"unsupported crs '{crs}'; use EPSG:4490 (or CRS84/EPSG:4326, lon/lat) or EPSG:4545 (metres)");
    }
}
