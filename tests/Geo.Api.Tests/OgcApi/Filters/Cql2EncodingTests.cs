using Geo.Api.OgcApi.Filters;
using Geo.Core.Filters;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Parsing alone, no database: each hand-written case of <see cref="Cql2Cases"/> reads as the same tree from CQL2 text
/// and from CQL2-JSON, and that tree passes the type checker for its collection.
/// </summary>
public sealed class Cql2EncodingTests
{
    [Theory]
    [MemberData(nameof(Cql2Cases.Data), MemberType = typeof(Cql2Cases))]
    public void Text_and_json_encodings_parse_to_the_same_checked_tree(Cql2Case @case)
    {
        var collection = Catalog.Find(@case.Collection)!;

        var fromText = Cql2Filter.FromText(@case.Text, g => g, collection);
        var fromJson = Cql2Filter.FromJson(@case.Json, g => g, collection);

        Assert.Equal(Cql2Printer.Dump(fromText), Cql2Printer.Dump(fromJson));
    }
}
