using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>What an overlay or compliance check is about: a stored feature or a drawn geometry, with its area.</summary>
public sealed record Subject(string? Collection, long? Id, string Name, Geometry Geometry, AreaFigures Area)
{
    /// <summary>What a drawn geometry is called when nothing names it.</summary>
    public static readonly Wording DrawnArea = new("绘制范围", "Drawn area");

    public bool HasArea => Area.SquareMetres > 0;

    public static Subject Drawn(GeometryInput input, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new Subject(null, null, name ?? DrawnArea.Zh, input.Geometry, AreaFigures.Of(GaussKruger108.AreaOf(input.Geometry)));
    }

    public static Subject Of(CollectionDefinition collection, Feature feature)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(feature);
        var name = feature["name"] as string ?? feature["land_use"] as string ?? $"{collection.Id} {feature.Id}";
        return new Subject(collection.Id, feature.Id, name, feature.Geometry!, AreaFigures.Of(GaussKruger108.AreaOf(feature.Geometry!)));
    }

    /// <summary>The catalog collection a subject is chosen from (by ids or a filter): 404 naming where the list is when there is none.</summary>
    public static CollectionDefinition FindCollection(string collectionId) =>
        Catalog.Find(collectionId)
        ?? throw InputException.NotFound("collection", $"there is no collection '{collectionId}'; /ogcapi/collections lists them");

    /// <summary>Finds a stored feature: 404 for an unknown collection or id, 400 for a collection without geometry.</summary>
    public static async Task<Subject> LoadAsync(IFeatureStore store, string collectionId, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var collection = FindCollection(collectionId);
        if (!collection.HasGeometry)
        {
            throw InputException.Invalid("collection", $"collection '{collectionId}' has no geometry to analyse");
        }

        var feature = await store.GetAsync(collection, id, cancellationToken).ConfigureAwait(false)
            ?? throw InputException.NotFound("id", $"collection '{collectionId}' has no feature with id {id}");
        return Of(collection, feature);
    }
}
