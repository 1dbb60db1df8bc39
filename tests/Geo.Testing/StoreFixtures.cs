using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Core.GisData;
using Geo.Core.Stores;
using Geo.Core.Stores.InMemory;
using Npgsql;

namespace Geo.Testing;

/// <summary>A store loaded with this repository's gis-data; one implementation per store kind.</summary>
public interface IStoreFixture
{
    IFeatureStore Store { get; }
}

public sealed class EmbeddedStoreFixture : IStoreFixture
{
    public IFeatureStore Store { get; } = new InMemoryFeatureStore(GisDataFolder.Load(RepoPaths.GisData));
}

/// <summary>A private database, migrated and loaded with gis-data through the real importer.</summary>
public sealed class PostGisStoreFixture : IStoreFixture, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public TestDatabase Database { get; } = new();

    public IFeatureStore Store { get; private set; } = null!;

    public NpgsqlDataSource DataSource => _dataSource!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        SchemaMigrator.Migrate(Database.ConnectionString);
        _dataSource = PostGisDataSource.Create(Database.ConnectionString);
        await PostGisImporter.ImportAsync(_dataSource, GisDataFolder.Load(RepoPaths.GisData), null, CancellationToken.None);
        Store = new PostGisFeatureStore(_dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
