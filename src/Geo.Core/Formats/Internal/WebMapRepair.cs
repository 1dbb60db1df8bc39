namespace Geo.Core.Formats.Internal;

/// <summary>Moves every vertex of a layer read as lon/lat from a web-map datum to CGCS2000 and measures the shift.</summary>
internal static class WebMapRepair
{
    private const double EarthRadiusMetres = 6_371_008.8;

    public static ImportedLayer Apply(ImportedLayer layer, WebMapDatum from)
    {
        if (layer.SourceCrs.Epsg is not (null or Cgcs2000.Srid or 4326))
        {
            throw new FileInputException(layer.File,
                $"{from} coordinates are longitude/latitude, but the file is in {layer.SourceCrs.Title}; drop 'from' or supply the lon/lat file", field: "from");
        }

        var filter = new ShiftFilter(from);
        var features = layer.Features.Select(f =>
        {
            var copy = f.Geometry.Copy();
            copy.Apply(filter);
            copy.GeometryChanged();
            return f with { Geometry = copy };
        }).ToList();
        return layer with { Features = features, Repair = new OffsetRepair(from, filter.Count, filter.Count == 0 ? 0 : filter.Sum / filter.Count) };
    }

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        var (p1, p2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var dp = p2 - p1;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Sqrt(a));
    }

    private sealed class ShiftFilter(WebMapDatum from) : IEntireCoordinateSequenceFilter
    {
        public int Count { get; private set; }

        public double Sum { get; private set; }

        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = (seq.GetX(i), seq.GetY(i));
                var (x, y) = WebMapOffsets.ToCgcs2000(from, lon, lat);
                seq.SetX(i, x);
                seq.SetY(i, y);
                Count++;
                Sum += Haversine(lon, lat, x, y);
            }
        }
    }
}
