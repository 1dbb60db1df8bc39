using System.Globalization;
using Geo.Core.Crs;
using Geo.Core.Filters;

namespace Geo.Api.OgcApi;

/// <summary>Turns the parameters of an items or search request into an <see cref="ItemsQuery"/>, or a <see cref="InputException"/>.</summary>
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
            throw InputException.Invalid("offset", $"'{request.Offset}' is not a whole number ≥ 0", "use e.g. offset=100");
        }

        var conditions = new List<FilterExpression>();
        var (bbox, bboxCondition) = BboxParameter.Parse(request);
        if (bboxCondition is not null)
        {
            conditions.Add(bboxCondition);
        }

        if (request.Datetime is not null)
        {
            conditions.Add(TemporalProperties.ToFilter(collection, request.Datetime));
        }

        conditions.AddRange(PropertyFilters(collection, extra));
        if (FilterParameter.Parse(collection, request, jsonFilter) is { } filter)
        {
            conditions.Add(filter);
        }

        if (collection.Geometry == GeometryKind.None && (bbox is not null || request.BboxCrs is not null))
        {
            throw InputException.Invalid("bbox", $"collection '{collection.Id}' has no geometry", "drop bbox for this table");
        }

        var sortBy = ParseSortBy(collection, request.SortBy);
        var query = new FeatureQuery(collection)
        {
            Bbox = bbox,
            Filter = And.All(conditions),
            SortBy = sortBy,
            Offset = offset,
            Limit = limit,
            After = ParseCursor(collection, sortBy, request),
        };
        var format = ParseFormat(request.Format);
        return new ItemsQuery(query, ParseCrs("crs", request.Crs), ParseProperties(collection, request.Properties), format, clamped)
        {
            ShapefileEncoding = ParseEncoding(request.Encoding, format),
            ResultType = ParseResultType(request.ResultType, format),
        };
    }

    private static FeatureCursor? ParseCursor(CollectionDefinition collection, IReadOnlyList<Geo.Core.Stores.SortKey> sortBy, ItemsRequest request) =>
        request.Cursor is not { } cursor ? null
        : request.Offset is not null ? throw InputException.Invalid(PageCursor.Parameter, "cursor and offset were both given", "page with one of them: follow the next link as given")
        : PageCursor.Decode(collection, sortBy, cursor);

    /// <summary>Decimals of output coordinates, 0 to 7: 1e-7° is about 1 cm, so more would only be noise.</summary>
    public static int? ParsePrecision(string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var decimals) && decimals <= 7 ? decimals
        : throw InputException.Invalid("precision", $"'{text}' is not a whole number from 0 to 7", "use e.g. precision=5 (decimals of each coordinate)");

    private static (int Limit, int? Clamped) ParseLimit(string? text)
    {
        if (text is null)
        {
            return (DefaultLimit, null);
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw InputException.Invalid("limit", $"'{text}' is not a whole number ≥ 1", $"use e.g. limit=100 (at most {MaxLimit})");
        }

        return limit > MaxLimit ? (MaxLimit, (int)Math.Min(limit, int.MaxValue)) : ((int)limit, null);
    }

    public static CrsDefinition ParseCrs(string parameter, string? value)
    {
        if (value is null)
        {
            return SupportedCrs.Crs84;
        }

        return SupportedCrs.Find(value) ?? throw InputException.Invalid(parameter, $"'{value}' is not a supported CRS",
            "use one of " + string.Join(", ", SupportedCrs.All.Select(c => c.Uri)));
    }

    private static IEnumerable<FilterExpression> PropertyFilters(CollectionDefinition collection, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        foreach (var group in extra.GroupBy(p => p.Key))
        {
            var property = collection.FindProperty(group.Key);
            if (property is null)
            {
                throw InputException.Invalid(group.Key, $"'{group.Key}' is neither a standard parameter nor a property of '{collection.Id}'",
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
            _ => throw InputException.Invalid(property.Name, $"'{text}' is not a valid {property.Type.ToString().ToLowerInvariant()} for '{property.Name}'",
                property.Type switch
                {
                    PropertyType.Boolean => "use true or false",
                    PropertyType.Date => "use yyyy-mm-dd",
                    PropertyType.Integer or PropertyType.Number => "use a number",
                    // Any text is a valid text value, so the outer switch never gets here with Text.
                    PropertyType.Text => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} never fails to parse"),
                    _ => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} is not handled here"),
                }),
        };
        return new Literal(value);
    }

    /// <summary>
    /// The sort keys asked for; <c>sortby=+id</c> alone is the default order and parsed as none, so that its pages count
    /// as unsorted ones do (exactly up to a limit, then an estimate) instead of counting every match to sort them.
    /// </summary>
    private static IReadOnlyList<Geo.Core.Stores.SortKey> ParseSortBy(CollectionDefinition collection, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var keys = Keys(collection, text);
        return keys is [{ Property: "id", Descending: false }] ? [] : keys;
    }

    private static List<Geo.Core.Stores.SortKey> Keys(CollectionDefinition collection, string text) =>
        text.Split(',').Select(part =>
        {
            var key = part.Trim();
            var descending = key.StartsWith('-');
            var name = key.TrimStart('+', '-', ' ');
            if (name != "id" && collection.FindProperty(name) is null)
            {
                throw InputException.Invalid("sortby", $"'{name}' is not a property of '{collection.Id}'",
                    $"sort by id or a property listed at /ogcapi/collections/{collection.Id}/queryables, e.g. sortby=-investment_wan,+name");
            }

            return new Geo.Core.Stores.SortKey(name, descending);
        }).ToList();

    private static List<string>? ParseProperties(CollectionDefinition collection, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var name in names.Where(n => collection.FindProperty(n) is null))
        {
            throw InputException.Invalid("properties", $"'{name}' is not a property of '{collection.Id}'",
                $"list properties from /ogcapi/collections/{collection.Id}/queryables, e.g. properties=name,investment_wan");
        }

        return names;
    }

    public static OutputFormat ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "json" or "geojson" => OutputFormat.GeoJson,
        "csv" => OutputFormat.Csv,
        "txt" => OutputFormat.BaopanTxt,
        "shp" => OutputFormat.Shapefile,
        "gpkg" => OutputFormat.GeoPackage,
        _ => throw InputException.Invalid("f", $"'{format}' is not a supported format",
            "use f=json (GeoJSON), f=csv, f=shp (zipped Shapefile), f=gpkg (GeoPackage) or f=txt (报盘, polygon collections)"),
    };

    /// <summary>The number alone is written as a GeoJSON FeatureCollection without features, as a WFS writes its hits.</summary>
    private static ResultType ParseResultType(string? text, OutputFormat format) => text switch
    {
        null or "results" => ResultType.Results,
        "hits" when format == OutputFormat.GeoJson => ResultType.Hits,
        "hits" => throw InputException.Invalid("resultType", "resultType=hits answers the number matched as GeoJSON only", "use f=json with resultType=hits"),
        _ => throw InputException.Invalid("resultType", $"'{text}' is not a result type",
            "use resultType=hits for the exact number matched without features, or resultType=results (the default) for a page"),
    };

    /// <summary>Only a shapefile's DBF has a code page; GeoJSON, CSV, GeoPackage and 报盘 are written in UTF-8.</summary>
    public static ShapefileEncoding ParseEncoding(string? encoding, OutputFormat format) => encoding?.ToLowerInvariant() switch
    {
        null => ShapefileEncoding.Utf8,
        _ when format != OutputFormat.Shapefile => throw InputException.Invalid("encoding", "only f=shp takes an encoding (the other formats are UTF-8)", "drop encoding, or use f=shp&encoding=gbk"),
        "utf-8" or "utf8" => ShapefileEncoding.Utf8,
        "gbk" or "cp936" => ShapefileEncoding.Gbk,
        _ => throw InputException.Invalid("encoding", $"'{encoding}' is not a supported shapefile encoding", "use encoding=utf-8 (the default) or encoding=gbk"),
    };
}
