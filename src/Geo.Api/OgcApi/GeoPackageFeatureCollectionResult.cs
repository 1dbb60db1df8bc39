using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Geo.Api.OgcApi;

/// <summary>
/// Features (an items page or an export) as an OGC GeoPackage (a SQLite file): one feature table named after the collection, in CGCS2000
/// lon/lat (EPSG:4490 declared in <c>gpkg_spatial_ref_sys</c>), one column per catalog property with its type. SQLite
/// text is UTF-8, so Chinese needs no code page. A collection without geometry becomes an attributes table.
/// </summary>
internal sealed class GeoPackageFeatureCollectionResult(IAsyncEnumerable<Feature> features, CollectionDefinition collection, string? fileName = null) : IResult
{
    private const int Cgcs2000 = 4490;

    private const string Cgcs2000Wkt =
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]]";

    /// <summary>The tables every GeoPackage holds (OGC 12-128r18 §1.1), with the three CRS rows the standard requires and CGCS2000.</summary>
    private const string Schema = """
        PRAGMA application_id = 1196444487;
        PRAGMA user_version = 10400;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
            description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
            CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
            srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
            CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
            CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        INSERT INTO gpkg_spatial_ref_sys VALUES
            ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
            ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
            ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
        """;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        var folder = Directory.CreateTempSubdirectory("geo-gpkg-");
        try
        {
            var path = Path.Combine(folder.FullName, collection.Id + ".gpkg");
            await WriteAsync(path, cancellationToken);
            httpContext.Response.ContentType = OgcMediaTypes.GeoPackage;
            httpContext.Response.Headers.ContentDisposition = Attachment.Header(fileName, collection.Id, ".gpkg");
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(httpContext.Response.Body, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var hasGeometry = collection.Geometry != GeometryKind.None;
        var table = Quote(collection.Id);
        var columns = collection.Properties.Select(p => $"{Quote(p.Name)} {SqlType(p.Type)}");
        await ExecuteAsync(connection, Schema + $"""
            INSERT INTO gpkg_spatial_ref_sys VALUES ('China Geodetic Coordinate System 2000', {Cgcs2000}, 'EPSG', {Cgcs2000}, '{Cgcs2000Wkt.Replace("'", "''", StringComparison.Ordinal)}', 'CGCS2000 longitude/latitude');
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ($table, '{(hasGeometry ? "features" : "attributes")}', $table, {(hasGeometry ? Cgcs2000 : "NULL")});
            CREATE TABLE {table} (fid INTEGER PRIMARY KEY{(hasGeometry ? ", geom GEOMETRY" : "")}{string.Concat(columns.Select(c => ", " + c))});
            {(hasGeometry ? $"INSERT INTO gpkg_geometry_columns VALUES ($table, 'geom', '{GeometryTypeName(collection.Geometry)}', {Cgcs2000}, 0, 0);" : "")}
            """, cancellationToken, ("$table", collection.Id));

        await using var insert = connection.CreateCommand();
        // The feature id is the row's fid, which GDAL and QGIS show as the feature id.
        var names = new List<string> { "fid" };
        if (hasGeometry)
        {
            names.Add("geom");
        }

        names.AddRange(collection.Properties.Select(p => p.Name));

        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", names.Select(Quote))}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = names.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture) })).ToList();
        // XY only, as gpkg_geometry_columns declares (z = 0, m = 0): a file's reader may carry NaN Z/M ordinates that GDAL cannot reproject.
        var writer = new GeoPackageGeoWriter { HandleOrdinates = NetTopologySuite.Geometries.Ordinates.XY };
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        await foreach (var feature in features.WithCancellation(cancellationToken))
        {
            parameters[0].Value = feature.Id;
            var next = 1;
            if (hasGeometry)
            {
                var geometry = feature.Geometry?.Copy();
                if (geometry is not null)
                {
                    geometry.SRID = Cgcs2000;
                    var envelope = geometry.EnvelopeInternal;
                    (minX, minY, maxX, maxY) = (Math.Min(minX, envelope.MinX), Math.Min(minY, envelope.MinY), Math.Max(maxX, envelope.MaxX), Math.Max(maxY, envelope.MaxY));
                }

                parameters[next++].Value = geometry is null ? DBNull.Value : writer.Write(geometry);
            }

            foreach (var property in collection.Properties)
            {
                parameters[next++].Value = Value(feature[property.Name]);
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (hasGeometry && minX <= maxX)
        {
            await ExecuteAsync(connection, "UPDATE gpkg_contents SET min_x = $minX, min_y = $minY, max_x = $maxX, max_y = $maxY", cancellationToken,
                ("$minX", minX), ("$minY", minY), ("$maxX", maxX), ("$maxY", maxY));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string SqlType(PropertyType type) => type switch
    {
        PropertyType.Text => "TEXT",
        PropertyType.Integer => "INTEGER",
        PropertyType.Number => "DOUBLE",
        PropertyType.Boolean => "BOOLEAN",
        PropertyType.Date => "DATE",
        _ => throw new InvalidOperationException($"unhandled property type {type}"),
    };

    private static string GeometryTypeName(GeometryKind kind) => kind switch
    {
        GeometryKind.Point => "POINT",
        GeometryKind.LineString => "LINESTRING",
        GeometryKind.MultiPolygon => "MULTIPOLYGON",
        GeometryKind.PointOrPolygon => "GEOMETRY",
        GeometryKind.None => throw new InvalidOperationException("a collection without geometry is an attributes table"),
        _ => throw new InvalidOperationException($"unhandled geometry kind {kind}"),
    };

    /// <summary>GeoPackage stores a DATE as ISO-8601 text and a BOOLEAN as 0/1.</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };
}
