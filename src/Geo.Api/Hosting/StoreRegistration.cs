using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Backends.PostGis.Accounts;
using Geo.Core.Analysis;
using Geo.Core.Analysis.Indicators;
using Geo.Core.GisData;
using Geo.Core.Stores;
using Geo.Core.Stores.InMemory;
using Geo.Core.Stores.PostGis;

namespace Geo.Api.Hosting;

/// <summary>
/// Chooses the store: PostGIS when <c>ConnectionStrings:Geo</c> is set (migrated at start-up when
/// <c>Database:MigrateOnStartup</c> is true), otherwise the embedded store loaded from the gis-data folder. The spatial
/// analysis and the indicator actuals go with the store: SQL and a table for PostGIS; NTS and a JSON-lines file in
/// <c>IndicatorActuals:Path</c> for the embedded store. A connection string with several hosts reads from a standby when
/// it can and writes indicator actuals to the primary (docs/SCALING.md).
/// </summary>
public static class StoreRegistration
{
    public const string ConnectionStringName = "Geo";

    /// <summary>Below the request timeout (Limits:RequestTimeoutSeconds, 30 s), so a slow query is stopped by the database first.</summary>
    public const int DefaultStatementTimeoutSeconds = 25;

    public static IServiceCollection AddFeatureStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (configuration.GetValue<bool>("Database:MigrateOnStartup"))
            {
                SchemaMigrator.Migrate(connectionString);
            }

            var dataSources = PostGisDataSource.CreateReadWrite(connectionString, TimeSpan.FromSeconds(configuration.GetValue("Database:StatementTimeoutSeconds", DefaultStatementTimeoutSeconds)));
            services.AddSingleton(dataSources);
            services.AddSingleton(dataSources.Reads);
            services.AddSingleton<IFeatureStore>(new PostGisFeatureStore(dataSources.Reads));
            services.AddSingleton<ISpatialAnalysis>(new PostGisSpatialAnalysis(dataSources.Reads));
            services.AddSingleton<IIndicatorActualStore>(new PostGisIndicatorActualStore(dataSources.Writes));
            services.AddPostGisAccounts(dataSources.Writes);
            return services;
        }

        var folder = GisDataLocation.Resolve(configuration);
        services.AddSingleton(new GisDataLocation(folder));
        services.AddSingleton<IFeatureStore>(_ => new InMemoryFeatureStore(GisDataFolder.Load(folder)));
        services.AddSingleton<ISpatialAnalysis>(sp => new NtsSpatialAnalysis(sp.GetRequiredService<IFeatureStore>()));
        services.AddSingleton<IIndicatorActualStore>(_ => new JsonLinesIndicatorActualStore(IndicatorActualsFolder(configuration)));
        services.AddEmbeddedAccounts(IndicatorActualsFolder(configuration));
        return services;
    }

    /// <summary>Where the embedded store keeps recorded indicator actuals; outside gis-data, which is generated.</summary>
    internal static string IndicatorActualsFolder(IConfiguration configuration) =>
        configuration["IndicatorActuals:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "kaizhou-geo");
}
