namespace Geo.Core.Domain;

/// <summary>
/// The properties a vector tile carries besides the id: what the viewer styles and labels by (coded values such as the
/// 三调 地类编码, flags such as <c>illustrative</c>, the name, the time span for the year filter). Everything else a
/// client reads from <c>items/{id}</c>, so tiles stay small; and an edit of nothing else leaves every tile as it was
/// (<see cref="Stores.ChangedArea.ExtentOf(CollectionDefinition, Feature?, Feature?)"/>).
/// </summary>
public static class TileProperties
{
    public static IReadOnlyList<PropertyDefinition> For(CollectionDefinition collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.Properties.Where(p =>
                p.Codes is not null
                || p.Type == PropertyType.Boolean
                || p.Name == "name"
                || p.Name == collection.Time?.Start
                || p.Name == collection.Time?.End)
            .ToList();
    }
}
