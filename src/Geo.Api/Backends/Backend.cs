using Geo.Api.Backends.Embedded;
using Geo.Api.Backends.PostGis;

namespace Geo.Api.Backends;

/// <summary>
/// Chooses the backend from the settings: PostGIS when <c>ConnectionStrings:Geo</c> is set (migrated at start-up when
/// <c>Database:MigrateOnStartup</c> is true), otherwise the embedded store loaded from the gis-data folder.
/// </summary>
public static class Backend
{
    public static IServiceCollection AddBackend(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(PostGisBackend.ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? services.AddEmbeddedBackend(configuration)
            : services.AddPostGisBackend(connectionString, o =>
            {
                o.StatementTimeout = TimeSpan.FromSeconds(configuration.GetValue("Database:StatementTimeoutSeconds", PostGisBackend.DefaultStatementTimeoutSeconds));
                o.MigrateOnStartup = configuration.GetValue<bool>("Database:MigrateOnStartup");
                o.KeptItems = configuration.GetValue("Database:KeptItems", PostGisBackendOptions.DefaultKeptItems);
            });
    }
}
