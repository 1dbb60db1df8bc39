using Geo.Api.Backends.PostGis.Accounts;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.OgcApi.Tiles;
using Geo.Core.Analysis.Indicators;
using Geo.Core.Imports;

namespace Geo.Api.Backends.PostGis;

/// <summary>
/// The PostGIS backend: the feature store, the spatial analyses as SQL, the indicator actuals table and the schema
/// migrations, all over one set of Npgsql data sources. A connection string with several hosts reads from a standby
/// when it can and writes indicator actuals to the primary (docs/SCALING.md). Everything else of the backend is
/// <c>Internal/</c>; the CLI verbs <c>migrate</c> and <c>import</c> reach it from inside this assembly.
/// </summary>
public static class PostGisBackend
{
    /// <summary>The connection string (<c>ConnectionStrings:Geo</c>) whose presence chooses this backend.</summary>
    public const string ConnectionStringName = "Geo";

    /// <summary>Below the request timeout (Limits:RequestTimeoutSeconds, 30 s), so a slow query is stopped by the database first.</summary>
    public const int DefaultStatementTimeoutSeconds = 25;

    /// <summary>
    /// Registers the PostGIS backend. Nothing touches the database here: with <see cref="PostGisBackendOptions.MigrateOnStartup"/>
    /// the migrations run from a hosted service when the host starts, before the server takes requests.
    /// </summary>
    public static IServiceCollection AddPostGisBackend(this IServiceCollection services, string connectionString, Action<PostGisBackendOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostGisBackendOptions();
        configure?.Invoke(options);
        if (options.KeptItems < 0)
        {
            throw new InvalidOperationException($"Database:KeptItems is {options.KeptItems}; set it to 0 (keep no items) or more");
        }

        if (options.MigrateOnStartup)
        {
            services.AddHostedService(_ => new MigrateOnStartup(connectionString));
        }

        var dataSources = PostGisDataSource.CreateReadWrite(connectionString, options.StatementTimeout);
        services.AddSingleton(dataSources);
        services.AddSingleton(dataSources.Reads);
        // Versions from the watch only where reads see what it hears: the primary (KeptVersions).
        services.AddSingleton<IFeatureStore>(sp => new PostGisFeatureStore(dataSources.Reads,
            kept: dataSources.ReadsFromPrimary && sp.GetService<DataVersionWatch>() is { } watch ? new KeptVersions(watch) : null));
        services.AddSingleton<ISpatialAnalysis>(new PostGisSpatialAnalysis(dataSources.Reads));
        services.AddSingleton<IVectorTileSource>(new PostGisVectorTiles(dataSources.Reads));
        services.AddSingleton<IGeneralisedTileStore>(new PostGisGeneralisedTiles(dataSources.Reads, dataSources.Writes));
        services.AddSingleton<IIndicatorActualStore>(new PostGisIndicatorActualStore(dataSources.Writes));
        if (options.KeptItems > 0)
        {
            services.AddSingleton(sp => new DataVersionWatch(connectionString, sp.GetRequiredService<ILogger<DataVersionWatch>>()));
            services.AddHostedService(sp => sp.GetRequiredService<DataVersionWatch>());
        }

        services.AddSingleton<IFeatureEditor>(sp => new PostGisFeatureEditor(
            dataSources.Writes, sp.GetService<DataVersionWatch>() is { } watch ? new KeptItems(watch, options.KeptItems) : null));
        services.AddSingleton<ICollectionImporter>(sp => new PostGisCollectionImport(dataSources.Writes, versions: sp.GetService<DataVersionWatch>()));
        services.AddPostGisAccounts(dataSources.Writes);
        return services;
    }
}

/// <summary>How <see cref="PostGisBackend.AddPostGisBackend"/> sets the backend up.</summary>
public sealed class PostGisBackendOptions
{
    /// <summary>PostgreSQL cancels any statement running longer (<c>statement_timeout</c>); null for no limit.</summary>
    public TimeSpan? StatementTimeout { get; set; } = TimeSpan.FromSeconds(PostGisBackend.DefaultStatementTimeoutSeconds);

    /// <summary>Apply pending schema migrations when the host starts (<c>Database:MigrateOnStartup</c>).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// How many <c>items/{id}</c> answers of editable collections are kept per data version and answered without a
    /// round trip while that version is current (<c>Database:KeptItems</c>). Above 0 the service listens for the data
    /// version, and also answers the versions ETags are made from out of memory when reads go to the primary
    /// (<see cref="Internal.KeptVersions"/>); 0 keeps nothing and does not listen.
    /// </summary>
    public int KeptItems { get; set; } = DefaultKeptItems;

    /// <summary>~10–20 MB of parcels.</summary>
    public const int DefaultKeptItems = 10_000;
}
