using System.Globalization;
using Geo.Core.Formats;
using Geo.Core.GisData;
using Geo.Core.Imports.Internal;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Geo.Core.Imports;

/// <summary>
/// Turns a read file into rows of one catalog collection: source fields map to properties by name (case-insensitive)
/// or by an explicit <c>source=property</c> map, constants fill properties the file lacks, every value is checked
/// against the catalog (type, allowed values, required) and the geometry against the collection's geometry type;
/// invalid polygons are repaired with make-valid (NTS <see cref="GeometryFixer"/>) and each repair is reported; a
/// row with no part inside the district (when given) is refused.
/// </summary>
public static class ImportPreparation
{
    public static ImportPlan Prepare(
        ImportedLayer layer,
        CollectionDefinition collection,
        IReadOnlyDictionary<string, string> map,
        IReadOnlyDictionary<string, string> constants,
        IPreparedGeometry? district = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var rows = new ImportRows(layer.File, collection, [.. layer.Features.SelectMany(f => f.Properties.Keys).Distinct(StringComparer.Ordinal)], map, constants, district);
        var features = new List<PreparedFeature>(layer.Features.Count);
        foreach (var feature in layer.Features)
        {
            if (rows.Prepare(feature) is { } prepared)
            {
                features.Add(prepared);
            }
        }

        return rows.Plan(features);
    }

    /// <summary>The source field feeding each property (see <see cref="ImportRows"/>); a map entry naming no field or property throws.</summary>
    internal static Dictionary<string, string> FieldMap(
        string file, CollectionDefinition collection, IReadOnlyList<string> sourceFields,
        IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, string> constants) => MapFields(file, collection, sourceFields, map, constants);

    /// <summary>One row: its properties checked against the catalog, its geometry repaired and normalised, and the district test.</summary>
    internal static PreparedFeature? Prepare(
        ImportedFeature feature, CollectionDefinition collection, IReadOnlyDictionary<string, string> fieldMap, IReadOnlyDictionary<string, string> constants,
        DistrictTest? district, List<ImportRepair> repairs, List<ImportRefusal> refusals)
    {
        var properties = new Dictionary<string, object?>(collection.Properties.Count, StringComparer.Ordinal);
        var refused = false;
        foreach (var property in collection.Properties)
        {
            var (value, error) = constants.TryGetValue(property.Name, out var constant)
                ? PropertyValues.FromText(property, constant)
                : Convert(property, fieldMap.TryGetValue(property.Name, out var field) ? feature.Properties.GetValueOrDefault(field) : null);
            if (error is not null)
            {
                refusals.Add(new ImportRefusal(feature.Row, fieldMap.GetValueOrDefault(property.Name) ?? property.Name, error));
                refused = true;
            }

            properties[property.Name] = value;
        }

        var geometry = Geometry(collection, feature, repairs, refusals);
        if (geometry is not null && district is not null && !district.Intersects(geometry))
        {
            // Wholly outside only: 开州区界 is converted from GCJ-02 and is no legal line, so an edge may cross it.
            refusals.Add(new ImportRefusal(feature.Row, "geometry", $"no part of it is inside 开州区 (near {Near(geometry)}); check the CRS, the axis order or the web-map datum (from gcj02/bd09), or leave the row out"));
            geometry = null;
        }

        return geometry is not null && !refused ? new PreparedFeature(feature.Row, geometry, properties) : null;
    }

    /// <summary>Property → source field: explicit map entries first, then equal names ignoring case.</summary>
    private static Dictionary<string, string> MapFields(
        string file, CollectionDefinition collection, IReadOnlyList<string> sourceFields,
        IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, string> constants)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, target) in map)
        {
            var property = collection.FindProperty(target)
                ?? throw new FileInputException(file, $"map {source}={target}: '{target}' is not a property of {collection.Id} ({string.Join(", ", collection.Properties.Select(p => p.Name))})", field: "mapping");
            var field = sourceFields.FirstOrDefault(s => s.Equals(source, StringComparison.OrdinalIgnoreCase))
                ?? throw new FileInputException(file, $"map {source}={target}: the file has no field '{source}' (it has {string.Join(", ", sourceFields)})", field: "mapping");
            result[property.Name] = field;
        }

        foreach (var name in constants.Keys)
        {
            _ = collection.FindProperty(name)
                ?? throw new FileInputException(file, $"set {name}=…: '{name}' is not a property of {collection.Id} ({string.Join(", ", collection.Properties.Select(p => p.Name))})", field: "set");
        }

        foreach (var property in collection.Properties.Where(p => !result.ContainsKey(p.Name) && !constants.ContainsKey(p.Name)))
        {
            if (sourceFields.FirstOrDefault(s => s.Equals(property.Name, StringComparison.OrdinalIgnoreCase)) is { } field)
            {
                result[property.Name] = field;
            }
        }

        return result;
    }

    /// <summary>A reader's value (string, number, bool, date or null) as the property's type, or why not.</summary>
    private static (object? Value, string? Error) Convert(PropertyDefinition property, object? value) => value switch
    {
        null => PropertyValues.FromText(property, string.Empty),
        string text => PropertyValues.FromText(property, text.Trim()),
        bool b => PropertyValues.FromText(property, b ? "true" : "false"),
        // DBF logical and integer flags: 1/0 are the only numbers read as true/false.
        int or long or short or byte when property.Type == PropertyType.Boolean => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) switch
        {
            1 => (true, null),
            0 => (false, null),
            _ => (null, $"property '{property.Name}' must be true or false, found {value}"),
        },
        double d when property.Type == PropertyType.Integer && Math.Abs(d - Math.Round(d)) < 1e-9 =>
            PropertyValues.FromText(property, ((long)Math.Round(d)).ToString(CultureInfo.InvariantCulture)),
        DateTime date => PropertyValues.FromText(property, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateOnly date => PropertyValues.FromText(property, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        IFormattable number => PropertyValues.FromText(property, number.ToString(null, CultureInfo.InvariantCulture)),
        _ => (null, $"property '{property.Name}' cannot take a {value.GetType().Name}"),
    };

    private static Geometry? Geometry(CollectionDefinition collection, ImportedFeature feature, List<ImportRepair> repairs, List<ImportRefusal> refusals)
    {
        var geometry = feature.Geometry;
        if (!SimpleRing.IsKnownValid(geometry) && !geometry.IsValid)
        {
            var problem = new IsValidOp(geometry).ValidationError;
            var before = GaussKruger108.AreaOf(geometry).SquareMetres;
            geometry = Polygonal(GeometryFixer.Fix(geometry));
            if (geometry.IsEmpty)
            {
                refusals.Add(new ImportRefusal(feature.Row, "geometry", $"the geometry is invalid ({problem.Message}) and nothing is left after make-valid"));
                return null;
            }

            repairs.Add(new ImportRepair(feature.Row, $"{problem.Message} at {problem.Coordinate.X:0.#######}, {problem.Coordinate.Y:0.#######}",
                before, GaussKruger108.AreaOf(geometry).SquareMetres));
        }

        var normalised = GeometryRules.Normalise(collection.Geometry, geometry, out var error);
        if (error is not null)
        {
            refusals.Add(new ImportRefusal(feature.Row, "geometry", error));
            return null;
        }

        return normalised;
    }

    private static string Near(Geometry geometry) =>
        string.Create(CultureInfo.InvariantCulture, $"{geometry.Centroid.X:0.#####}, {geometry.Centroid.Y:0.#####}");

    /// <summary>make-valid may split a polygon into a collection with stray lines; a polygon collection keeps the polygons.</summary>
    private static Geometry Polygonal(Geometry repaired)
    {
        if (repaired is not GeometryCollection { } collection || repaired is MultiPolygon)
        {
            return repaired;
        }

        var polygons = Enumerable.Range(0, collection.NumGeometries).Select(collection.GetGeometryN)
            .SelectMany(g => g is MultiPolygon m ? Enumerable.Range(0, m.NumGeometries).Select(i => (Polygon)m.GetGeometryN(i)) : g is Polygon p ? [p] : [])
            .ToArray();
        return polygons.Length == 0 ? repaired : Cgcs2000.GeometryFactory.CreateMultiPolygon(polygons);
    }
}
