using Geo.Testing;
using Npgsql;

namespace Geo.Core.Tests.Analysis;

/// <summary>Expected figures, asked of PostGIS with SQL written here, independently of the code under test.</summary>
internal sealed class ReferenceSql(PostGisStoreFixture postGis)
{
    /// <summary>The first facility 100–900 m from 岳溪高铁片区 (zone 13), where the road-network tests build their roads.</summary>
    public const string FacilityNearYuexi =
        "SELECT f.id FROM facilities f, zones z WHERE z.id = 13 AND ST_Distance(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545)) BETWEEN 100 AND 900 "
        + "ORDER BY f.id LIMIT 1";

    public const double SquareMetreTolerance = 0.01;

    public async Task<double> DoubleAsync(string sql, params object[] parameters) =>
        Convert.ToDouble(await ScalarAsync(sql, parameters) ?? 0.0, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<long> LongAsync(string sql, params object[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<List<(string Key, double Value)>> PairsAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, double)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql, object[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = postGis.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
