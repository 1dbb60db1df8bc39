using Geo.Api.OgcApi.Filters;
using Geo.Core.Filters;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>Every case of <see cref="Cql2Cases"/>, in both encodings, selects exactly the rows its hand-written SQL selects.</summary>
public abstract class Cql2StoreCases(IStoreFixture store, PostGisStoreFixture reference)
{
    [Theory]
    [MemberData(nameof(Cql2Cases.Data), MemberType = typeof(Cql2Cases))]
    public async Task Text_encoding_selects_what_the_SQL_selects(Cql2Case @case)
    {
        var filter = Cql2TextParser.Parse(@case.Text, g => g);

        Assert.Equal(await ExpectedAsync(@case), await SelectAsync(@case.Collection, filter));
    }

    [Theory]
    [MemberData(nameof(Cql2Cases.Data), MemberType = typeof(Cql2Cases))]
    public async Task Json_encoding_selects_what_the_SQL_selects(Cql2Case @case)
    {
        var filter = Cql2JsonParser.Parse(@case.Json, g => g);

        Assert.Equal(await ExpectedAsync(@case), await SelectAsync(@case.Collection, filter));
    }

    private async Task<List<long>> SelectAsync(string collectionId, FilterExpression filter)
    {
        var collection = Catalog.Find(collectionId)!;
        FilterTypeChecker.Check(filter, collection);
        var query = new FeatureQuery(collection) { Filter = filter };
        var ids = await store.Store.QueryAsync(query, CancellationToken.None).Select(f => f.Id).ToListAsync();
        Assert.Equal(ids.Count, await store.Store.CountAsync(query, CancellationToken.None));
        return ids;
    }

    private Task<List<long>> ExpectedAsync(Cql2Case @case) =>
        reference.IdsAsync($"SELECT id FROM {@case.Collection} WHERE {@case.Sql} ORDER BY id");
}

public sealed class InMemoryCql2Tests(EmbeddedStoreFixture store, PostGisStoreFixture reference)
    : Cql2StoreCases(store, reference), IClassFixture<EmbeddedStoreFixture>, IClassFixture<PostGisStoreFixture>;

public sealed class PostGisCql2Tests(PostGisStoreFixture store)
    : Cql2StoreCases(store, store), IClassFixture<PostGisStoreFixture>;

/// <summary>Guards that the case table is not vacuous: each case selects some rows but not all of them.</summary>
public sealed class Cql2CaseTableTests(PostGisStoreFixture reference) : IClassFixture<PostGisStoreFixture>
{
    [Theory]
    [MemberData(nameof(Cql2Cases.Data), MemberType = typeof(Cql2Cases))]
    public async Task Each_case_selects_some_but_not_all_rows(Cql2Case @case)
    {
        await using var command = reference.DataSource.CreateCommand(
            $"SELECT count(*) FILTER (WHERE {@case.Sql}), count(*) FROM {@case.Collection}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.InRange(reader.GetInt64(0), 1, reader.GetInt64(1) - 1);
    }
}
