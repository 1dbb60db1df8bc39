using NetTopologySuite;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>How collection properties map to columns: the column is named after the property; types map one to one.</summary>
internal static class PostGisColumns
{
    public const string Id = "id";
    public const string Geometry = "geom";

    /// <summary>The select list in the order <see cref="ReadFeature"/> expects: id, geometry (if any), then properties.</summary>
    public static string SelectList(CollectionDefinition collection) =>
        string.Join(", ", AllColumns(collection).Select(Quote));

    public static IEnumerable<string> AllColumns(CollectionDefinition collection)
    {
        yield return Id;
        if (collection.HasGeometry)
        {
            yield return Geometry;
        }

        foreach (var property in collection.Properties)
        {
            yield return property.Name;
        }
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static NpgsqlDbType DbType(PropertyType type) => type switch
    {
        PropertyType.Text => NpgsqlDbType.Text,
        PropertyType.Integer => NpgsqlDbType.Bigint,
        PropertyType.Number => NpgsqlDbType.Double,
        PropertyType.Boolean => NpgsqlDbType.Boolean,
        PropertyType.Date => NpgsqlDbType.Date,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// One property value into a binary COPY row, written as its own type: written as <c>object</c>, Npgsql looks up
    /// the value's converter again for every value, a measurable share of a 1,000,000-row import's CPU.
    /// </summary>
    public static Task WriteValueAsync(NpgsqlBinaryImporter writer, PropertyType type, object? value, CancellationToken cancellationToken) => (type, value) switch
    {
        (_, null) => writer.WriteNullAsync(cancellationToken),
        (PropertyType.Text, string text) => writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        (PropertyType.Integer, long integer) => writer.WriteAsync(integer, NpgsqlDbType.Bigint, cancellationToken),
        (PropertyType.Number, double number) => writer.WriteAsync(number, NpgsqlDbType.Double, cancellationToken),
        (PropertyType.Boolean, bool flag) => writer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
        (PropertyType.Date, DateOnly date) => writer.WriteAsync(date, NpgsqlDbType.Date, cancellationToken),
        _ => writer.WriteAsync(value, DbType(type), cancellationToken),
    };

    public static Feature ReadFeature(CollectionDefinition collection, NpgsqlDataReader reader)
    {
        var ordinal = 0;
        var id = reader.GetInt64(ordinal++);
        var stored = collection.HasGeometry ? ReadGeometry(reader, ordinal++) : null;
        var properties = new Dictionary<string, object?>(collection.Properties.Count);
        foreach (var property in collection.Properties)
        {
            properties[property.Name] = ReadValue(property, reader, ordinal++);
        }

        return stored is null ? new Feature(id, null, properties) : Feature.FromStored(id, stored, properties);
    }

    /// <summary>
    /// The geometry column's EWKB (its binary form, as sent), read into NTS only if asked for: an items page writes
    /// GeoJSON from the bytes. Like the NTS column it replaces, a NULL geometry cannot be read.
    /// </summary>
    private static StoredGeometry ReadGeometry(NpgsqlDataReader reader, int ordinal)
    {
        var ewkb = new byte[reader.GetBytes(ordinal, 0, null, 0, 0)];
        reader.GetBytes(ordinal, 0, ewkb, 0, ewkb.Length);
        return new StoredGeometry(ewkb, ReadEwkb);
    }

    /// <summary>Npgsql's own reader, set up as <c>UseNetTopologySuite()</c> sets up the one behind the geometry column.</summary>
    private static readonly PostGisReader EwkbReader = new(
        NtsGeometryServices.Instance.DefaultCoordinateSequenceFactory,
        NtsGeometryServices.Instance.DefaultPrecisionModel,
        NtsGeometryServices.Instance.DefaultCoordinateSequenceFactory.Ordinates);

    private static readonly Func<byte[], NetTopologySuite.Geometries.Geometry> ReadEwkb = ewkb =>
    {
        var geometry = EwkbReader.Read(ewkb);
        geometry.SRID = Geo.Core.Crs.Cgcs2000.Srid;
        return geometry;
    };

    /// <summary>One column's value as the property's CLR type, or null.</summary>
    public static object? ReadValue(PropertyDefinition property, NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : property.Type switch
        {
            PropertyType.Text => reader.GetString(ordinal),
            PropertyType.Integer => reader.GetInt64(ordinal),
            PropertyType.Number => reader.GetDouble(ordinal),
            PropertyType.Boolean => reader.GetBoolean(ordinal),
            PropertyType.Date => reader.GetFieldValue<DateOnly>(ordinal),
            _ => throw new InvalidOperationException($"unmapped type {property.Type}"),
        };
}
