namespace Geo.Api.Search.Internal;

/// <summary>
/// One collection the search box looks in: which of its catalog text properties a query matches (any part), whether a
/// number matches the feature id (a project's 序号, a zone's or a parcel's number), and which property names a hit.
/// </summary>
internal sealed record SearchTarget(CollectionDefinition Collection, IReadOnlyList<string> TextProperties, bool ById, string LabelProperty)
{
    /// <summary>In the order staff look for things; hits of the same rank keep this order.</summary>
    public static readonly IReadOnlyList<SearchTarget> All =
    [
        new(Catalog.Projects, ["name"], ById: true, "name"),
        new(Catalog.Zones, ["name"], ById: true, "name"),
        new(Catalog.Townships, ["name", "code"], ById: false, "name"),
        new(Catalog.Facilities, ["name"], ById: false, "name"),
        // Parcels have no name: found by their number, shown by their 三调 land-use class.
        new(Catalog.Parcels, [], ById: true, "land_use"),
    ];
}
