using Geo.Core.Filters;

namespace Geo.Api.OgcApi.Filters;

/// <summary>
/// The one way from a client's CQL2 filter to a tree a store may run: parse (text or JSON, within
/// <see cref="FilterLimits"/>), then type-check against the collection. The OGC API items endpoints and the overlay's
/// subject filter both come through here, so both refuse the same filters with the same <see cref="FilterException"/>.
/// </summary>
public static class Cql2Filter
{
    /// <param name="text">CQL2 text.</param>
    /// <param name="toStorage">Turns a geometry literal read in the filter CRS into the storage CRS.</param>
    /// <param name="collection">The collection the filter selects from.</param>
    public static FilterExpression FromText(string text, Func<Geometry, Geometry> toStorage, CollectionDefinition collection) =>
        Checked(Cql2TextParser.Parse(text, toStorage), collection);

    /// <summary>CQL2-JSON given as text (e.g. a query parameter with <c>filter-lang=cql2-json</c>).</summary>
    public static FilterExpression FromJson(string json, Func<Geometry, Geometry> toStorage, CollectionDefinition collection) =>
        Checked(Cql2JsonParser.Parse(json, toStorage), collection);

    /// <summary>CQL2-JSON already read from a request body.</summary>
    public static FilterExpression FromJson(JsonElement json, Func<Geometry, Geometry> toStorage, CollectionDefinition collection) =>
        Checked(Cql2JsonParser.Parse(json, toStorage), collection);

    private static FilterExpression Checked(FilterExpression filter, CollectionDefinition collection)
    {
        FilterTypeChecker.Check(filter, collection);
        return filter;
    }
}
