using Geo.Core.Filters;
using FsCheck;
using FsCheck.Fluent;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Random filters over gis-data select the same ids on the embedded evaluator and in PostGIS through the SQL
/// translator. A fixed seed runs the same 200 filters every time; a new seed each run adds 100 more (the failure
/// message names the seed and the filter as CQL2 text).
/// </summary>
public sealed class StoresAgreeOnRandomFiltersTests(EmbeddedStoreFixture embedded, PostGisStoreFixture postGis)
    : IClassFixture<EmbeddedStoreFixture>, IClassFixture<PostGisStoreFixture>
{
    private const ulong FixedSeed = 20261130;

    [Fact]
    public Task Two_hundred_filters_from_a_fixed_seed_select_the_same_ids_on_both_stores() => AgreeAsync(FixedSeed, 200);

    [Fact]
    public Task A_hundred_filters_from_a_new_seed_select_the_same_ids_on_both_stores() => AgreeAsync((ulong)Random.Shared.NextInt64(), 100);

    private async Task<int> AgreeAsync(ulong seed, int count)
    {
        var generators = new List<(CollectionDefinition Collection, Cql2TreeGenerator Generator)>();
        var sizes = new Dictionary<string, int>();
        foreach (var collection in Catalog.All.Where(c => c.Properties.Count > 0))
        {
            var features = await embedded.Store.QueryAsync(new FeatureQuery(collection), CancellationToken.None).ToListAsync();
            if (features.Count < 5)
            {
                continue; // one district outline: every filter selects all or nothing
            }

            sizes[collection.Id] = features.Count;
            var samples = collection.Properties.ToDictionary(
                p => p.Name,
                p => features.Select(f => f[p.Name]).OfType<object>().Distinct().Take(12).ToArray());
            generators.Add((collection, new Cql2TreeGenerator(collection, samples, agreeable: true)));
        }

        var cases = Gen.Elements(generators.ToArray()).SelectMany(g => g.Generator.Filter.Select(f => (g.Collection, Filter: f)))
            .Sample(size: 30, seed: new Rnd(seed), numberOfSamples: count);
        var selective = 0;
        foreach (var (collection, filter) in cases)
        {
            FilterTypeChecker.Check(filter, collection);
            var query = new FeatureQuery(collection) { Filter = filter };
            var left = await IdsAsync(embedded.Store, query);
            var right = await IdsAsync(postGis.Store, query);

            Assert.True(left == right, $"seed {seed}, {collection.Id}: {Cql2Printer.Text(filter)}\n  embedded: {left}\n  PostGIS:  {right}");
            var selected = left.Length == 0 || left.StartsWith("refused", StringComparison.Ordinal) ? 0 : left.Split(',').Length;
            selective += selected > 0 && selected < sizes[collection.Id] ? 1 : 0;
        }

        // Not vacuous: a fair share of the filters select some rows but not all (11 to 29 in 100 over 40 seeds).
        Assert.True(selective >= count / 20, $"seed {seed}: only {selective} of {count} filters select some rows but not all");
        return selective;
    }

    private static async Task<string> IdsAsync(IFeatureStore store, FeatureQuery query)
    {
        try
        {
            return string.Join(',', await store.QueryAsync(query, CancellationToken.None).Select(f => f.Id).ToListAsync());
        }
        catch (FilterException e)
        {
            return "refused: " + e.GetType().Name;
        }
    }
}
