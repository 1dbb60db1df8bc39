using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>A tile source that counts the overview reads it passes on: whole, and of an area (the areas kept).</summary>
internal sealed class CountingTileSource(IVectorTileSource inner) : IVectorTileSource
{
    private int _wholeReads;

    public int WholeReads => Volatile.Read(ref _wholeReads);

    public System.Collections.Concurrent.ConcurrentQueue<OverviewArea> AreaReads { get; } = new();

    public Task<VersionedTile> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken) =>
        inner.GetTileAsync(collection, tile, maxFeatures, cancellationToken);

    public Task<VectorTileAnswer> GetMergedTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken) =>
        inner.GetMergedTileAsync(collection, tile, maxFeatures, cancellationToken);

    public Task<OverviewInput> ReadOverviewAsync(CollectionDefinition collection, OverviewArea? area, CancellationToken cancellationToken)
    {
        if (area is null)
        {
            Interlocked.Increment(ref _wholeReads);
        }
        else
        {
            AreaReads.Enqueue(area);
        }

        return inner.ReadOverviewAsync(collection, area, cancellationToken);
    }

    /// <summary>Wraps the service's tile source (however its backend registered it) in a counting one.</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IVectorTileSource));
        services.Remove(registered);
        services.AddSingleton(sp => new CountingTileSource(
            (IVectorTileSource)(registered.ImplementationInstance ?? registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.AddSingleton<IVectorTileSource>(sp => sp.GetRequiredService<CountingTileSource>());
    }
}
