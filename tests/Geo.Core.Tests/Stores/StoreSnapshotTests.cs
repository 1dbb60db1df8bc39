using Geo.Api.GisData;
using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Stores;

/// <summary>
/// The embedded store read from its snapshot answers exactly as the store loaded from the gis-data GeoJSON and CSV
/// (the reference here), and a snapshot is never served for other bytes than those it was packed from.
/// </summary>
public sealed class StoreSnapshotTests : IDisposable
{
    private readonly BadDataFolder _data = new();
    private readonly string _snapshot = Path.Combine(Path.GetTempPath(), "snapshot-" + Guid.NewGuid().ToString("N")[..8], "gis-data.snapshot");

    public void Dispose()
    {
        _data.Dispose();
        if (Path.GetDirectoryName(_snapshot) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_snapshot_answers_every_query_as_the_gis_data_load_does()
    {
        var loaded = WriteSnapshot();
        var hash = GisDataHash.Of(_data.Path);
        Assert.Equal(loaded.ContentHash, hash);
        var read = StoreSnapshot.TryRead(_snapshot, hash!, out var reason);
        Assert.Null(reason);
        Assert.NotNull(read);

        Assert.Equal(await loaded.GetDataVersionAsync(CancellationToken.None), await read.GetDataVersionAsync(CancellationToken.None));
        Assert.Equal(loaded.FeatureCount, read.FeatureCount);
        Assert.True(read.FeatureCount > 100, "gis-data holds features");
        foreach (var collection in Catalog.All)
        {
            foreach (var query in Queries(collection, (await loaded.GetSummaryAsync(collection, "", CancellationToken.None)).Extent))
            {
                var expected = await loaded.QueryAsync(query, CancellationToken.None).ToListAsync();
                var actual = await read.QueryAsync(query, CancellationToken.None).ToListAsync();
                AssertSame(expected, actual, $"{collection.Id} {query}");
                Assert.Equal(await loaded.CountAsync(query, CancellationToken.None), await read.CountAsync(query, CancellationToken.None));
            }

            var everything = await loaded.QueryAsync(new FeatureQuery(collection), CancellationToken.None).ToListAsync();
            foreach (var feature in everything.Take(5))
            {
                AssertSame([feature], [(await read.GetAsync(collection, feature.Id, CancellationToken.None))!], $"{collection.Id} {feature.Id}");
            }

            var (a, b) = (await loaded.GetSummaryAsync(collection, "", CancellationToken.None), await read.GetSummaryAsync(collection, "", CancellationToken.None));
            Assert.Equal(a.Extent, b.Extent);
            Assert.Equal(a.FirstTime, b.FirstTime);
            Assert.Equal(a.LastTime, b.LastTime);
        }
    }

    [Fact]
    public void A_changed_gis_data_file_makes_the_snapshot_stale()
    {
        WriteSnapshot();
        _data.Replace("projects.geojson", "\"category\":\"resettlement\"", "\"category\":\"industry\"");

        var hash = GisDataHash.Of(_data.Path)!;
        Assert.Null(StoreSnapshot.TryRead(_snapshot, hash, out var reason));
        Assert.Contains("now hash to " + hash, reason, StringComparison.Ordinal);

        // What a start does next: the full load, which sees the change.
        Assert.Equal(hash, GisDataFolder.Load(_data.Path).ContentHash);
    }

    [Fact]
    public void A_missing_gis_data_file_gives_no_hash_to_serve_a_snapshot_for()
    {
        WriteSnapshot();
        File.Delete(_data.File("milestones.csv"));
        Assert.Null(GisDataHash.Of(_data.Path));
    }

    [Theory]
    [InlineData("byte flipped")]
    [InlineData("cut short")]
    [InlineData("not a snapshot")]
    public void A_damaged_snapshot_is_refused_with_the_reason(string damage)
    {
        var hash = WriteSnapshot().ContentHash;
        var bytes = File.ReadAllBytes(_snapshot);
        switch (damage)
        {
            case "byte flipped":
                bytes[bytes.Length / 2] ^= 0x10;
                File.WriteAllBytes(_snapshot, bytes);
                break;
            case "cut short":
                File.WriteAllBytes(_snapshot, bytes[..(bytes.Length * 2 / 3)]);
                break;
            default:
                File.WriteAllText(_snapshot, "{\"type\":\"FeatureCollection\"}");
                break;
        }

        Assert.Null(StoreSnapshot.TryRead(_snapshot, hash, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void No_snapshot_file_is_no_snapshot_and_no_complaint()
    {
        Assert.Null(StoreSnapshot.TryRead(_snapshot, "0123456789abcdef", out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void An_edited_store_is_not_written_as_a_snapshot_of_gis_data()
    {
        var store = new InMemoryFeatureStore(GisDataFolder.Load(_data.Path));
        store.Apply(Catalog.Projects, 1, null);
        Assert.Null(StoreSnapshot.Capture(store, out var reason));
        Assert.Contains("projects", reason, StringComparison.Ordinal);
    }

    private InMemoryFeatureStore WriteSnapshot()
    {
        var store = new InMemoryFeatureStore(GisDataFolder.Load(_data.Path));
        var snapshot = StoreSnapshot.Capture(store, out var reason);
        Assert.Null(reason);
        snapshot!.Write(_snapshot);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_snapshot)!, "*.tmp"));
        return store;
    }

    /// <summary>Every feature, boxes over each quarter of the extent, each property sorted both ways, and a filter on the first property.</summary>
    private static IEnumerable<FeatureQuery> Queries(CollectionDefinition collection, Envelope? extent)
    {
        yield return new FeatureQuery(collection);
        if (extent is not null)
        {
            var (midX, midY) = (extent.Centre.X, extent.Centre.Y);
            yield return new FeatureQuery(collection) { Bbox = new Envelope(extent.MinX, midX, extent.MinY, midY) };
            yield return new FeatureQuery(collection) { Bbox = new Envelope(midX, extent.MaxX, midY, extent.MaxY) };
            yield return new FeatureQuery(collection) { Bbox = new Envelope(extent.MinX, midX, midY, extent.MaxY), Limit = 3, Offset = 1 };
        }

        foreach (var property in collection.Properties)
        {
            yield return new FeatureQuery(collection) { SortBy = [new SortKey(property.Name)] };
            yield return new FeatureQuery(collection) { SortBy = [new SortKey(property.Name, Descending: true)], Limit = 7 };
        }

        yield return new FeatureQuery(collection) { Filter = Cql2TextParser.Parse($"{collection.Properties[0].Name} IS NOT NULL", g => g) };
    }

    private static void AssertSame(IReadOnlyList<Feature> expected, IReadOnlyList<Feature> actual, string what)
    {
        Assert.Equal(expected.Select(f => f.Id), actual.Select(f => f.Id));
        foreach (var (a, b) in expected.Zip(actual))
        {
            Assert.Equal(a.Properties, b.Properties);
            Assert.Equal(a.Geometry is null, b.Geometry is null);
            Assert.True(a.Geometry is null || (a.Geometry.EqualsExact(b.Geometry) && a.Geometry.SRID == b.Geometry!.SRID), $"{what} {a.Id}: geometries differ");
        }
    }
}
