using System.Text.Json;
using Geo.Core;
using Geo.Core.Domain;
using Geo.Core.Filters;

namespace Geo.Api.OgcApi;

/// <summary><c>filter</c>, <c>filter-lang</c> and <c>filter-crs</c> (or a CQL2-JSON body): parsed and type-checked against the collection.</summary>
internal static class FilterParameter
{
    public static FilterExpression? Parse(CollectionDefinition collection, ItemsRequest request, JsonElement? jsonFilter)
    {
        var filterCrs = ItemsQueryParser.ParseCrs("filter-crs", request.FilterCrs);
        try
        {
            if (jsonFilter is { } json)
            {
                return Cql2Filter.FromJson(json, filterCrs.ToStorage, collection);
            }

            if (request.Filter is null)
            {
                if (request.FilterLang is not null && request.FilterLang is not ("cql2-text" or "cql2-json"))
                {
                    throw UnknownLanguage(request.FilterLang);
                }

                return null;
            }

            return (request.FilterLang ?? "cql2-text") switch
            {
                "cql2-text" => Cql2Filter.FromText(request.Filter, filterCrs.ToStorage, collection),
                "cql2-json" => Cql2Filter.FromJson(request.Filter, filterCrs.ToStorage, collection),
                var other => throw UnknownLanguage(other),
            };
        }
        catch (FilterException e)
        {
            throw InputException.Invalid("filter", e.Message, $"see /ogcapi/collections/{collection.Id}/queryables and the CQL2 standard (OGC 21-065)");
        }
    }

    private static InputException UnknownLanguage(string language) =>
        InputException.Invalid("filter-lang", $"'{language}' is not a supported filter language", "use cql2-text or cql2-json");
}
