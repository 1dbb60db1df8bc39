using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Backends.Embedded.Internal;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Api.Hosting;
using Geo.Core.GisData;
using Geo.Core.Imports;
using Geo.Core.Stores.InMemory;
using Npgsql;

namespace Geo.Api.Cli;

/// <summary>
/// The store a one-file import writes to from the CLI: PostGIS (<c>--connection</c>), or the embedded store's data
/// folder (<c>--data</c>) over the gis-data the service reads. <see cref="Store"/> answers the district check.
/// </summary>
internal sealed class FileImportTarget(IFeatureStore store, ICollectionImporter importer, string user, IAsyncDisposable? owned) : IAsyncDisposable
{
    public IFeatureStore Store => store;

    public ICollectionImporter Importer => importer;

    /// <summary>Who the audit trail names: the database user on PostGIS, the operating-system user on the embedded store.</summary>
    public string User => user;

    public static FileImportTarget PostGis(string connectionString, IProgress<string> progress)
    {
        SchemaMigrator.Migrate(connectionString, progress);
        var dataSource = PostGisDataSource.Create(connectionString);
        return new FileImportTarget(
            new PostGisFeatureStore(dataSource), new PostGisCollectionImport(dataSource),
            $"database:{new NpgsqlConnectionStringBuilder(connectionString).Username}", dataSource);
    }

    /// <summary>
    /// The embedded store in <paramref name="dataFolder"/> (the service's <c>IndicatorActuals:Path</c>) over the gis-data
    /// folder of <c>GisData__Path</c> or the nearest one. The service replays the edit log at start: stop it while
    /// importing, or it would give new ids of its own that collide with the import's.
    /// </summary>
    public static FileImportTarget Embedded(string dataFolder, IProgress<string> progress)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var gisData = GisDataLocation.Resolve(configuration);
        progress.Report($"embedded store: gis-data {gisData}, data folder {Path.GetFullPath(dataFolder)}");
        var editor = EmbeddedFeatureEditor.Open(new InMemoryFeatureStore(GisDataFolder.Load(gisData)), Path.GetFullPath(dataFolder));
        var audit = new JsonLinesAuditLog(Path.GetFullPath(dataFolder));
        return new FileImportTarget(editor.Store, new EmbeddedCollectionImport(() => editor, audit), $"system:{Environment.UserName}", new Disposables(editor, audit));
    }

    public async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Disposables(params IDisposable[] items) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
