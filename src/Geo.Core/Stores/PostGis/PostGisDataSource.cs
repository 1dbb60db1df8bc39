using System.Globalization;
using Npgsql;

namespace Geo.Core.Stores.PostGis;

/// <summary>Builds the one Npgsql data source the service and CLI use, with PostGIS geometries mapped to NTS.</summary>
public static class PostGisDataSource
{
    /// <param name="statementTimeout">
    /// When given, PostgreSQL cancels any statement running longer (<c>statement_timeout</c>, set for every connection),
    /// so that no request can keep the database busy after the service has stopped waiting for it.
    /// </param>
    public static NpgsqlDataSource Create(string connectionString, TimeSpan? statementTimeout = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (statementTimeout is { } timeout)
        {
            var setting = string.Create(CultureInfo.InvariantCulture, $"-c statement_timeout={(long)timeout.TotalMilliseconds}");
            builder.ConnectionStringBuilder.Options = string.IsNullOrWhiteSpace(builder.ConnectionStringBuilder.Options)
                ? setting
                : $"{builder.ConnectionStringBuilder.Options} {setting}";
        }

        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
