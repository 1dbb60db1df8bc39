using System.Globalization;
using Geo.Core.Formats;

namespace Geo.Api.Files;

/// <summary>
/// The fields of an uploaded file as a collection the export writers take: one property per field in first-seen order,
/// its type the one every value of it has (integers, numbers, booleans, dates), else text; plus <c>row</c> unless the file has one.
/// </summary>
internal static class UploadedColumns
{
    public const string Row = "row";

    /// <summary>The file's values as a store gives them (long, double, bool, DateOnly, string or null) and its row.</summary>
    public static Dictionary<string, object?> Values(ImportedFeature feature)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in feature.Properties)
        {
            values[name] = Normalise(value);
        }

        // A file with a field named row (a review written by the viewer: the 地块's row) keeps its own.
        values.TryAdd(Row, (long)feature.Row);
        return values;
    }

    public static CollectionDefinition Collection(string id, IReadOnlyList<Feature> features)
    {
        var types = new Dictionary<string, PropertyType?>(StringComparer.Ordinal);
        foreach (var (name, value) in features.SelectMany(f => f.Properties))
        {
            types[name] = (types.GetValueOrDefault(name), TypeOf(value)) switch
            {
                (var known, null) => known,
                (null, var type) => type,
                (PropertyType.Integer, PropertyType.Number) or (PropertyType.Number, PropertyType.Integer) => PropertyType.Number,
                (var known, var type) when known == type => known,
                _ => PropertyType.Text,
            };
        }

        var properties = types.Select(t => new PropertyDefinition(t.Key, t.Value ?? PropertyType.Text, t.Key, t.Key, Required: false)).ToList();
        return new CollectionDefinition(id, id, KindOf(features), id, id, "上传的文件", properties);
    }

    /// <summary>A feature's values in its column's type: a number or date in a text column as text, an integer in a number column as a double.</summary>
    public static Feature Conform(CollectionDefinition collection, Feature feature) =>
        feature with
        {
            Properties = collection.Properties.ToDictionary(p => p.Name, p => (p.Type, feature[p.Name]) switch
            {
                (_, null) => null,
                (PropertyType.Text, IFormattable formattable) => formattable.ToString(null, CultureInfo.InvariantCulture),
                (PropertyType.Text, var value) => value.ToString(),
                (PropertyType.Number, long integer) => (double)integer,
                (_, var value) => value,
            }),
        };

    private static PropertyType? TypeOf(object? value) => value switch
    {
        null => null,
        long => PropertyType.Integer,
        double => PropertyType.Number,
        bool => PropertyType.Boolean,
        DateOnly => PropertyType.Date,
        _ => PropertyType.Text,
    };

    private static object? Normalise(object? value) => value switch
    {
        null or string or long or double or bool or DateOnly => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } date => DateOnly.FromDateTime(date),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>One geometry type for the whole file where it has one (a shapefile needs that), else mixed.</summary>
    private static GeometryKind KindOf(IReadOnlyList<Feature> features)
    {
        var kinds = features.Select(f => f.Geometry switch
        {
            Point => GeometryKind.Point,
            LineString => GeometryKind.LineString,
            Polygon or MultiPolygon => GeometryKind.MultiPolygon,
            _ => GeometryKind.PointOrPolygon,
        }).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : GeometryKind.PointOrPolygon;
    }
}
