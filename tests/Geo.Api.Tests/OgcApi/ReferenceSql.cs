using Geo.Testing;

namespace Geo.Api.Tests.OgcApi;

/// <summary>Hand-written SQL against the reference PostGIS database, the source of every expected answer.</summary>
internal static class ReferenceSql
{
    public static async Task<List<long>> IdsAsync(this PostGisStoreFixture reference, string sql)
    {
        await using var command = reference.DataSource.CreateCommand(sql);
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
        await using var command = reference.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    public static async Task<string> TextAsync(this PostGisStoreFixture reference, string sql)
    {
        await using var command = reference.DataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Four numbers of one row (a bounding box: minX, minY, maxX, maxY).</summary>
    public static async Task<double[]> BoxAsync(this PostGisStoreFixture reference, string sql)
    {
        await using var command = reference.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)];
    }
}
