using Geo.Api.OgcApi.Filters;
using Geo.Core.Filters;

namespace Geo.Api.OgcApi;

/// <summary><c>filter</c>, <c>filter-lang</c> and <c>filter-crs</c> (or a CQL2-JSON body): parsed and type-checked against the collection.</summary>
internal static class FilterParameter
{
    public static FilterExpression? Parse(CollectionDefinition collection, ItemsRequest request, JsonElement? jsonFilter)
    {
        var filterCrs = ItemsQueryParser.ParseCrs("filter-crs", request.FilterCrs);
        if (jsonFilter is { } json)
        {
            return Checked(collection, () => Cql2Filter.FromJson(json, filterCrs.ToStorage, collection));
        }

        if (request.Filter is not { } text)
        {
            return request.FilterLang is null or "cql2-text" or "cql2-json" ? null : throw UnknownLanguage(request.FilterLang);
        }

        return (request.FilterLang ?? "cql2-text") switch
        {
            "cql2-text" => Checked(collection, () => Cql2Filter.FromText(text, filterCrs.ToStorage, collection)),
            "cql2-json" => Checked(collection, () => Cql2Filter.FromJson(text, filterCrs.ToStorage, collection)),
            var other => throw UnknownLanguage(other),
        };
    }

    /// <summary>
    /// A client's CQL2 filter, parsed and type-checked by <paramref name="parse"/> (a <see cref="Cql2Filter"/> call); a
    /// refusal is a 400 on <c>filter</c> naming the collection's queryables. The items endpoints and the overlay's
    /// subject filter both come through here.
    /// </summary>
    public static FilterExpression Checked(CollectionDefinition collection, Func<FilterExpression> parse)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (FilterException e)
        {
            throw InputException.Invalid("filter", e.Message, $"see /ogcapi/collections/{collection.Id}/queryables and the CQL2 standard (OGC 21-065)");
        }
    }

    private static InputException UnknownLanguage(string language) =>
        InputException.Invalid("filter-lang", $"'{language}' is not a supported filter language", "use cql2-text or cql2-json");
}
