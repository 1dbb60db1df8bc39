using Npgsql;

namespace Geo.Core.Stores.PostGis;

/// <summary>Builds the one Npgsql data source the service and CLI use, with PostGIS geometries mapped to NTS.</summary>
public static class PostGisDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
