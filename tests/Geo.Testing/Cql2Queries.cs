using Geo.Core.Domain;
using Geo.Core.Filters;
using Geo.Core.Stores;

namespace Geo.Testing;

/// <summary>Store queries with a CQL2 text filter, parsed and type-checked as the service does before a store sees one.</summary>
public static class Cql2Queries
{
    public static FeatureQuery Filtered(CollectionDefinition collection, string cql2)
    {
        var filter = Cql2TextParser.Parse(cql2, g => g);
        FilterTypeChecker.Check(filter, collection);
        return new FeatureQuery(collection) { Filter = filter };
    }
}
