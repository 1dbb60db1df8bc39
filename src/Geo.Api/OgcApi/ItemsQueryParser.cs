using System.Globalization;
using Geo.Core.Domain;
using Geo.Core.Stores;
using NetTopologySuite.Geometries;

namespace Geo.Api.OgcApi;

/// <summary>Turns <see cref="ItemsRequest"/> into a <see cref="FeatureQuery"/>, or a problem naming the bad parameter.</summary>
internal static class ItemsQueryParser
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static (FeatureQuery? Query, IResult? Problem) Parse(CollectionDefinition collection, ItemsRequest request)
    {
        var limit = DefaultLimit;
        if (request.Limit is not null)
        {
            if (!int.TryParse(request.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return (null, Problems.BadParameter("limit", $"'{request.Limit}' is not a whole number ≥ 1", $"use e.g. limit=100 (at most {MaxLimit})"));
            }

            limit = Math.Min(limit, MaxLimit);
        }

        var offset = 0;
        if (request.Offset is not null && (!int.TryParse(request.Offset, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return (null, Problems.BadParameter("offset", $"'{request.Offset}' is not a whole number ≥ 0", "use e.g. offset=100"));
        }

        Envelope? bbox = null;
        if (request.Bbox is not null)
        {
            var (envelope, error) = ParseBbox(request.Bbox);
            if (error is not null)
            {
                return (null, Problems.BadParameter("bbox", error, "give four numbers minLon,minLat,maxLon,maxLat in CRS84, e.g. bbox=108.3,31.1,108.5,31.2"));
            }

            bbox = envelope;
        }

        return (new FeatureQuery(collection) { Limit = limit, Offset = offset, Bbox = bbox }, null);
    }

    private static (Envelope? Envelope, string? Error) ParseBbox(string text)
    {
        var parts = text.Split(',');
        if (parts.Length is not 4 and not 6)
        {
            return (null, $"'{text}' has {parts.Length} values, 4 are needed");
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                return (null, $"'{parts[i]}' is not a number");
            }
        }

        // A 3D bbox (6 values) carries heights we ignore.
        var (minX, minY, maxX, maxY) = parts.Length == 4 ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4]);
        if (minY > maxY)
        {
            return (null, $"the south edge {minY} is north of the north edge {maxY}");
        }

        if (minX > maxX)
        {
            return (null, $"the west edge {minX} is east of the east edge {maxX} (boxes across the antimeridian are not supported)");
        }

        return (new Envelope(minX, maxX, minY, maxY), null);
    }
}
