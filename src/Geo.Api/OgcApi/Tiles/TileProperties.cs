namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The properties a tile carries besides the id: what the viewer styles and labels by (coded values such as the 三调
/// 地类编码, flags such as <c>illustrative</c>, the name, the time span for the year filter). Everything else a
/// client reads from <c>items/{id}</c>, so tiles stay small.
/// </summary>
internal static class TileProperties
{
    public static IReadOnlyList<PropertyDefinition> For(CollectionDefinition collection) =>
        collection.Properties.Where(p =>
                p.Codes is not null
                || p.Type == PropertyType.Boolean
                || p.Name == "name"
                || p.Name == collection.Time?.Start
                || p.Name == collection.Time?.End)
            .ToList();
}
