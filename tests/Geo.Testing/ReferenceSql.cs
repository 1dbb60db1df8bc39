using System.Globalization;
using Npgsql;

namespace Geo.Testing;

/// <summary>
/// Expected figures, asked of the reference PostGIS database with SQL written in the tests, independently of the code
/// under test: the source of every expected answer.
/// </summary>
public static class ReferenceSql
{
    /// <summary>The first facility 100–900 m from 岳溪高铁片区 (zone 13), where the road-network tests build their roads.</summary>
    public const string FacilityNearYuexi =
        "SELECT f.id FROM facilities f, zones z WHERE z.id = 13 AND ST_Distance(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545)) BETWEEN 100 AND 900 "
        + "ORDER BY f.id LIMIT 1";

    public const double SquareMetreTolerance = 0.01;

    public static async Task<double> DoubleAsync(this PostGisStoreFixture reference, string sql, params object[] parameters) =>
        Convert.ToDouble(await reference.ScalarAsync(sql, parameters) ?? 0.0, CultureInfo.InvariantCulture);

    public static async Task<long> LongAsync(this PostGisStoreFixture reference, string sql, params object[] parameters) =>
        Convert.ToInt64(await reference.ScalarAsync(sql, parameters) ?? 0L, CultureInfo.InvariantCulture);

    public static async Task<string> TextAsync(this PostGisStoreFixture reference, string sql, params object[] parameters) =>
        (string)(await reference.ScalarAsync(sql, parameters))!;

    public static async Task<List<(string Key, double Value)>> PairsAsync(this PostGisStoreFixture reference, string sql, params object[] parameters)
    {
        await using var command = reference.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, double)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public static async Task<List<long>> IdsAsync(this PostGisStoreFixture reference, string sql, params object[] parameters)
    {
        await using var command = reference.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public static async Task<(double X, double Y)> PointAsync(this PostGisStoreFixture reference, string sql)
    {
        var row = await reference.RowAsync(sql);
        return (row[0], row[1]);
    }

    /// <summary>Four numbers of one row (a bounding box: minX, minY, maxX, maxY).</summary>
    public static Task<double[]> BoxAsync(this PostGisStoreFixture reference, string sql) => reference.RowAsync(sql);

    private static async Task<double[]> RowAsync(this PostGisStoreFixture reference, string sql)
    {
        await using var command = reference.Command(sql, []);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetDouble).ToArray();
    }

    private static async Task<object?> ScalarAsync(this PostGisStoreFixture reference, string sql, object[] parameters)
    {
        await using var command = reference.Command(sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static NpgsqlCommand Command(this PostGisStoreFixture reference, string sql, object[] parameters)
    {
        var command = reference.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
