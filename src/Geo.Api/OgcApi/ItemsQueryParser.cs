using System.Globalization;
using System.Text.Json;
using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.Filters;
using Geo.Core.Stores;
using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;

namespace Geo.Api.OgcApi;

/// <summary>Turns the parameters of an items or search request into an <see cref="ItemsQuery"/>, or a <see cref="ParameterException"/>.</summary>
internal static class ItemsQueryParser
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    /// <param name="extra">Query parameters that are not standard ones: equality filters on properties.</param>
    /// <param name="jsonFilter">A CQL2-JSON filter from a POST body, if any.</param>
    public static ItemsQuery Parse(CollectionDefinition collection, ItemsRequest request, IEnumerable<KeyValuePair<string, string?>> extra, JsonElement? jsonFilter = null)
    {
        var (limit, clamped) = ParseLimit(request.Limit);
        var offset = 0;
        if (request.Offset is not null && (!int.TryParse(request.Offset, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new ParameterException("offset", $"'{request.Offset}' is not a whole number ≥ 0", "use e.g. offset=100");
        }

        var conditions = new List<FilterExpression>();
        Envelope? bbox = null;
        if (request.Bbox is not null)
        {
            var bboxCrs = ParseCrs("bbox-crs", request.BboxCrs);
            var box = ParseBbox(request.Bbox);
            if (bboxCrs == SupportedCrs.Crs84)
            {
                bbox = box;
            }
            else
            {
                var bounds = bboxCrs.FirstAxisIsNorthing ? new Envelope(box.MinY, box.MaxY, box.MinX, box.MaxX) : box;
                if (!bboxCrs.Bounds.Contains(bounds))
                {
                    throw new ParameterException("bbox", $"'{request.Bbox}' lies outside {bboxCrs.Title}", "give the box in bbox-crs's units and axis order");
                }

                // A box in another CRS is a curved quadrilateral in lon/lat: densify its edges before transforming.
                var polygon = Densifier.Densify(new GeometryFactory().ToGeometry(box), Math.Max(box.Width, box.Height) / 32);
                try
                {
                    conditions.Add(new SpatialPredicate(SpatialOperator.Intersects, new PropertyRef("geometry"), GeometryLiteral.InStorage(bboxCrs.ToStorage(polygon))));
                }
                catch (FilterException e)
                {
                    throw new ParameterException("bbox", $"'{request.Bbox}' cannot be used in {bboxCrs.Uri}: {e.Message}", "give a box inside the CRS's area of use, in its axis order");
                }
            }
        }
        else if (request.BboxCrs is not null)
        {
            throw new ParameterException("bbox-crs", "bbox-crs is given without bbox", "add bbox=… or drop bbox-crs");
        }

        if (request.Datetime is not null)
        {
            conditions.Add(TemporalProperties.ToFilter(collection, request.Datetime));
        }

        conditions.AddRange(PropertyFilters(collection, extra));
        if (ParseFilter(collection, request, jsonFilter) is { } filter)
        {
            conditions.Add(filter);
        }

        if (collection.Geometry == GeometryKind.None && (bbox is not null || request.BboxCrs is not null))
        {
            throw new ParameterException("bbox", $"collection '{collection.Id}' has no geometry", "drop bbox for this table");
        }

        var query = new FeatureQuery(collection)
        {
            Bbox = bbox,
            Filter = conditions.Count switch { 0 => null, 1 => conditions[0], _ => new And(conditions) },
            SortBy = ParseSortBy(collection, request.SortBy),
            Offset = offset,
            Limit = limit,
        };
        return new ItemsQuery(query, ParseCrs("crs", request.Crs), ParseProperties(collection, request.Properties), ParseFormat(request.Format), clamped);
    }

    private static (int Limit, int? Clamped) ParseLimit(string? text)
    {
        if (text is null)
        {
            return (DefaultLimit, null);
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw new ParameterException("limit", $"'{text}' is not a whole number ≥ 1", $"use e.g. limit=100 (at most {MaxLimit})");
        }

        return limit > MaxLimit ? (MaxLimit, (int)Math.Min(limit, int.MaxValue)) : ((int)limit, null);
    }

    public static CrsDefinition ParseCrs(string parameter, string? value)
    {
        if (value is null)
        {
            return SupportedCrs.Crs84;
        }

        return SupportedCrs.Find(value) ?? throw new ParameterException(parameter, $"'{value}' is not a supported CRS",
            "use one of " + string.Join(", ", SupportedCrs.All.Select(c => c.Uri)));
    }

    private static Envelope ParseBbox(string text)
    {
        const string fix = "give four numbers minx,miny,maxx,maxy in bbox-crs (CRS84 by default: minLon,minLat,maxLon,maxLat), e.g. bbox=108.3,31.1,108.5,31.2";
        var parts = text.Split(',');
        if (parts.Length is not 4 and not 6)
        {
            throw new ParameterException("bbox", $"'{text}' has {parts.Length} values, 4 are needed", fix);
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new ParameterException("bbox", $"'{parts[i]}' is not a number", fix);
            }
        }

        // A 3D bbox (6 values) carries heights we ignore.
        var (minX, minY, maxX, maxY) = parts.Length == 4 ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4]);
        if (minY > maxY || minX > maxX)
        {
            throw new ParameterException("bbox", $"'{text}' has a minimum above its maximum (boxes across the antimeridian are not supported)", fix);
        }

        return new Envelope(minX, maxX, minY, maxY);
    }

    private static IEnumerable<FilterExpression> PropertyFilters(CollectionDefinition collection, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        foreach (var group in extra.GroupBy(p => p.Key))
        {
            var property = collection.FindProperty(group.Key);
            if (property is null)
            {
                throw new ParameterException(group.Key, $"'{group.Key}' is neither a standard parameter nor a property of '{collection.Id}'",
                    $"see /ogcapi/collections/{collection.Id}/queryables for the properties");
            }

            var values = group.Select(p => PropertyValue(property, p.Value ?? "")).ToList();
            yield return values.Count == 1
                ? new Comparison(ComparisonOperator.Equal, new PropertyRef(property.Name), values[0])
                : new InList(new PropertyRef(property.Name), values);
        }
    }

    private static Literal PropertyValue(PropertyDefinition property, string text)
    {
        object? value = property.Type switch
        {
            PropertyType.Text => text,
            PropertyType.Integer or PropertyType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            PropertyType.Boolean when bool.TryParse(text, out var b) => b,
            PropertyType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            _ => throw new ParameterException(property.Name, $"'{text}' is not a valid {property.Type.ToString().ToLowerInvariant()} for '{property.Name}'",
                property.Type switch { PropertyType.Boolean => "use true or false", PropertyType.Date => "use yyyy-mm-dd", _ => "use a number" }),
        };
        return new Literal(value);
    }

    private static FilterExpression? ParseFilter(CollectionDefinition collection, ItemsRequest request, JsonElement? jsonFilter)
    {
        var filterCrs = ParseCrs("filter-crs", request.FilterCrs);
        FilterExpression? filter;
        try
        {
            if (jsonFilter is { } json)
            {
                filter = Cql2JsonParser.Parse(json, filterCrs.ToStorage);
            }
            else if (request.Filter is null)
            {
                if (request.FilterLang is not null && request.FilterLang is not ("cql2-text" or "cql2-json"))
                {
                    throw UnknownLanguage(request.FilterLang);
                }

                return null;
            }
            else
            {
                filter = (request.FilterLang ?? "cql2-text") switch
                {
                    "cql2-text" => Cql2TextParser.Parse(request.Filter, filterCrs.ToStorage),
                    "cql2-json" => Cql2JsonParser.Parse(request.Filter, filterCrs.ToStorage),
                    var other => throw UnknownLanguage(other),
                };
            }

            FilterTypeChecker.Check(filter, collection);
        }
        catch (FilterException e)
        {
            throw new ParameterException("filter", e.Message, $"see /ogcapi/collections/{collection.Id}/queryables and the CQL2 standard (OGC 21-065)");
        }

        return filter;
    }

    private static ParameterException UnknownLanguage(string language) =>
        new("filter-lang", $"'{language}' is not a supported filter language", "use cql2-text or cql2-json");

    private static IReadOnlyList<Geo.Core.Stores.SortKey> ParseSortBy(CollectionDefinition collection, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return text.Split(',').Select(part =>
        {
            var key = part.Trim();
            var descending = key.StartsWith('-');
            var name = key.TrimStart('+', '-', ' ');
            if (name != "id" && collection.FindProperty(name) is null)
            {
                throw new ParameterException("sortby", $"'{name}' is not a property of '{collection.Id}'",
                    $"sort by id or a property listed at /ogcapi/collections/{collection.Id}/queryables, e.g. sortby=-investment_wan,+name");
            }

            return new Geo.Core.Stores.SortKey(name, descending);
        }).ToList();
    }

    private static List<string>? ParseProperties(CollectionDefinition collection, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var name in names.Where(n => collection.FindProperty(n) is null))
        {
            throw new ParameterException("properties", $"'{name}' is not a property of '{collection.Id}'",
                $"list properties from /ogcapi/collections/{collection.Id}/queryables, e.g. properties=name,investment_wan");
        }

        return names;
    }

    private static OutputFormat ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "json" or "geojson" => OutputFormat.GeoJson,
        "csv" => OutputFormat.Csv,
        _ => throw new ParameterException("f", $"'{format}' is not a supported format", "use f=json (GeoJSON) or f=csv"),
    };
}
