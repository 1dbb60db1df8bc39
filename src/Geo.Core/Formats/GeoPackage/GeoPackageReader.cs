using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Geo.Core.Formats.GeoPackage;

/// <summary>
/// Reads the first feature table of an OGC GeoPackage (a SQLite file): its CRS from <c>gpkg_spatial_ref_sys</c>, its
/// geometries through NetTopologySuite.IO.GeoPackage, every other column as a property.
/// </summary>
internal static class GeoPackageReader
{
    public static SourceLayer Read(string path, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var (table, column, srsId) = FirstFeatureTable(connection, file);
            var (crs, crsSource) = options.Crs is not null ? FileCrs.FromRequest(options.Crs, file) : CrsOf(connection, srsId, file);
            var features = new List<SourceFeature>();
            var reader = new GeoPackageGeoReader();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var rows = command.ExecuteReader();
            var row = 0;
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
                NetTopologySuite.Geometries.Geometry? geometry = null;
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    var name = rows.GetName(i);
                    var value = rows.IsDBNull(i) ? null : rows.GetValue(i);
                    if (name.Equals(column, StringComparison.OrdinalIgnoreCase))
                    {
                        geometry = value is byte[] blob ? reader.Read(blob) : null;
                    }
                    else
                    {
                        properties[name] = value;
                    }
                }

                if (geometry is null || geometry.IsEmpty)
                {
                    throw new FileInputException(file, $"the feature in table '{table}' has no geometry; draw it or delete the row", row, column);
                }

                features.Add(new SourceFeature(row, geometry, properties));
            }

            return new SourceLayer(features, crs, crsSource, null);
        }
        catch (SqliteException e)
        {
            throw new FileInputException(file, $"not a readable GeoPackage ({e.Message})", innerException: e);
        }
    }

    private static (string Table, string Column, int SrsId) FirstFeatureTable(SqliteConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns ORDER BY table_name LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), reader.GetString(1), reader.GetInt32(2))
            : throw new FileInputException(file, "the GeoPackage has no feature table (gpkg_geometry_columns is empty)");
    }

    private static (CrsDefinition Crs, string Source) CrsOf(SqliteConnection connection, int srsId, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new FileInputException(file, $"the GeoPackage's srs_id {srsId} is not in gpkg_spatial_ref_sys; supply the crs ({InputCrs.Accepted})", field: "crs");
        }

        var (crs, error) = reader.GetString(0).Equals("EPSG", StringComparison.OrdinalIgnoreCase)
            ? InputCrs.FromEpsg(reader.GetInt32(1))
            : InputCrs.FromWkt(reader.GetString(2));
        return crs is not null ? (crs, "gpkg_spatial_ref_sys") : throw new FileInputException(file, error!, field: "crs");
    }
}
