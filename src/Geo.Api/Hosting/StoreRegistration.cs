using Geo.Core.GisData;
using Geo.Core.Stores;
using Geo.Core.Stores.InMemory;
using Geo.Core.Stores.PostGis;

namespace Geo.Api.Hosting;

/// <summary>
/// Chooses the store: PostGIS when <c>ConnectionStrings:Geo</c> is set (migrated at start-up when
/// <c>Database:MigrateOnStartup</c> is true), otherwise the embedded store loaded from the gis-data folder.
/// </summary>
public static class StoreRegistration
{
    public const string ConnectionStringName = "Geo";

    public static IServiceCollection AddFeatureStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (configuration.GetValue<bool>("Database:MigrateOnStartup"))
            {
                SchemaMigrator.Migrate(connectionString);
            }

            var dataSource = PostGisDataSource.Create(connectionString);
            services.AddSingleton(dataSource);
            services.AddSingleton<IFeatureStore>(new PostGisFeatureStore(dataSource));
            return services;
        }

        var folder = GisDataLocation.Resolve(configuration);
        services.AddSingleton(new GisDataLocation(folder));
        services.AddSingleton<IFeatureStore>(_ => new InMemoryFeatureStore(GisDataFolder.Load(folder)));
        return services;
    }
}
