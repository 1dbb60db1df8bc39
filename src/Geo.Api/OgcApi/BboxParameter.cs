using System.Globalization;
using Geo.Core.Crs;
using Geo.Core.Filters;
using NetTopologySuite.Densify;

namespace Geo.Api.OgcApi;

/// <summary>
/// <c>bbox</c> and <c>bbox-crs</c>: a CRS84 box stays a box (the stores' fast path); a box in another CRS, written in
/// that CRS's axis order, becomes an intersects condition on its outline transformed to storage coordinates.
/// </summary>
internal static class BboxParameter
{
    public static (Envelope? Box, FilterExpression? Condition) Parse(ItemsRequest request)
    {
        if (request.Bbox is null)
        {
            return request.BboxCrs is null
                ? (null, null)
                : throw InputException.Invalid("bbox-crs", "bbox-crs is given without bbox", "add bbox=… or drop bbox-crs");
        }

        var bboxCrs = ItemsQueryParser.ParseCrs("bbox-crs", request.BboxCrs);
        var box = ParseBox(request.Bbox);
        if (bboxCrs == SupportedCrs.Crs84)
        {
            return (box, null);
        }

        var bounds = bboxCrs.FirstAxisIsNorthing ? new Envelope(box.MinY, box.MaxY, box.MinX, box.MaxX) : box;
        if (!bboxCrs.Bounds.Contains(bounds))
        {
            throw InputException.Invalid("bbox", $"'{request.Bbox}' lies outside {bboxCrs.Title}", "give the box in bbox-crs's units and axis order");
        }

        // A box in another CRS is a curved quadrilateral in lon/lat: densify its edges before transforming.
        var polygon = Densifier.Densify(new GeometryFactory().ToGeometry(box), Math.Max(box.Width, box.Height) / 32);
        try
        {
            return (null, new SpatialPredicate(SpatialOperator.Intersects, new PropertyRef("geometry"), GeometryLiteral.InStorage(bboxCrs.ToStorage(polygon))));
        }
        catch (FilterException e)
        {
            throw InputException.Invalid("bbox", $"'{request.Bbox}' cannot be used in {bboxCrs.Uri}: {e.Message}", "give a box inside the CRS's area of use, in its axis order");
        }
    }

    private static Envelope ParseBox(string text)
    {
        const string fix = "give four numbers minx,miny,maxx,maxy in bbox-crs (CRS84 by default: minLon,minLat,maxLon,maxLat), e.g. bbox=108.3,31.1,108.5,31.2";
        var parts = text.Split(',');
        if (parts.Length is not 4 and not 6)
        {
            throw InputException.Invalid("bbox", $"'{text}' has {parts.Length} values, 4 are needed", fix);
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw InputException.Invalid("bbox", $"'{parts[i]}' is not a number", fix);
            }
        }

        // A 3D bbox (6 values) carries heights we ignore.
        var (minX, minY, maxX, maxY) = parts.Length == 4 ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4]);
        if (minY > maxY || minX > maxX)
        {
            throw InputException.Invalid("bbox", $"'{text}' has a minimum above its maximum (boxes across the antimeridian are not supported)", fix);
        }

        if (minY == maxY || minX == maxX)
        {
            throw InputException.Invalid("bbox", $"'{text}' has no width or no height", "give a box whose minimum is below its maximum on both axes, e.g. bbox=108.3,31.1,108.5,31.2");
        }

        return new Envelope(minX, maxX, minY, maxY);
    }
}
