using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Backends.Embedded.Indicators;
using Geo.Api.Backends.Embedded.Internal;
using Geo.Api.Hosting;
using Geo.Api.OgcApi.Tiles;
using Geo.Core.Analysis.Indicators;
using Geo.Core.Accounts;
using Geo.Core.Imports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Geo.Api.Backends.Embedded;

/// <summary>
/// The embedded backend, no database: the in-memory store loaded from the gis-data folder, the analyses in NTS and the
/// indicator actuals in a JSON-lines file in <c>IndicatorActuals:Path</c>. The store and the analyses stay in Geo.Core
/// (<c>Stores/InMemory</c>, <c>Analysis/NtsSpatialAnalysis</c>) because they need nothing but NTS; the JSON-lines logs
/// (<c>Indicators/</c>, <c>Accounts/</c>, <c>Internal/JsonLinesFile</c>) are here because Geo.Core has no
/// System.Text.Json, and their files' format is this backend's alone.
/// </summary>
public static class EmbeddedBackend
{
    public static IServiceCollection AddEmbeddedBackend(this IServiceCollection services, IConfiguration configuration)
    {
        var folder = GisDataLocation.Resolve(configuration);
        services.AddSingleton(new GisDataLocation(folder));
        services.TryAddSingleton(EmbeddedLoadHold.None);
        services.AddSingleton(sp => new EmbeddedStoreLoad(
            folder, IndicatorActualsFolder(configuration), sp.GetRequiredService<EmbeddedLoadHold>(), sp.GetRequiredService<ILogger<EmbeddedStoreLoad>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedStoreLoad>());

        // Readers and writers get the store only once gis-data is loaded and the edit log replayed over it; until then 503.
        services.AddSingleton(sp => new LoadingEmbeddedStore(sp.GetRequiredService<EmbeddedStoreLoad>()));
        services.AddSingleton<IFeatureStore>(sp => sp.GetRequiredService<LoadingEmbeddedStore>());
        services.AddSingleton<IFeatureEditor>(sp => sp.GetRequiredService<LoadingEmbeddedStore>());
        services.AddSingleton<ICollectionImporter>(sp => new EmbeddedCollectionImport(
            () => sp.GetRequiredService<EmbeddedStoreLoad>().Editor, sp.GetRequiredService<IAuditLog>()));
        services.AddSingleton<ISpatialAnalysis>(sp => new NtsSpatialAnalysis(sp.GetRequiredService<IFeatureStore>()));
        services.AddSingleton<IVectorTileSource>(sp => new NtsVectorTiles(sp.GetRequiredService<IFeatureStore>()));
        services.AddSingleton<IGeneralisedTileStore>(sp => new FileGeneralisedTiles(
            Path.Combine(IndicatorActualsFolder(configuration), "cache", "generalised-tiles"),
            () => sp.GetRequiredService<EmbeddedStoreLoad>().Editor.Store.LoadedVersion));
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
