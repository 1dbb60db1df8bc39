using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Backends.PostGis.Accounts;

namespace Geo.Api.Tests.Accounts;

/// <summary>An account store and audit trail of one kind, empty, for one test class.</summary>
public interface IAccountStoreFixture
{
    IAccountStore Accounts { get; }

    IAuditLog Audit { get; }
}

/// <summary>A fresh migrated database (no gis-data: accounts do not need it).</summary>
public sealed class PostGisAccountsFixture : IAccountStoreFixture, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public TestDatabase Database { get; } = new();

    public NpgsqlDataSource DataSource => _dataSource!;

    public IAccountStore Accounts { get; private set; } = null!;

    public IAuditLog Audit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        SchemaMigrator.Migrate(Database.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        Accounts = new PostGisAccountStore(_dataSource);
        Audit = new PostGisAuditLog(_dataSource);
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

/// <summary>A temporary folder holding the embedded store's users.jsonl and audit.jsonl.</summary>
public sealed class EmbeddedAccountsFixture : IAccountStoreFixture, IDisposable
{
    public EmbeddedAccountsFixture()
    {
        Accounts = new JsonLinesAccountStore(Folder);
        Audit = new JsonLinesAuditLog(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "accounts-" + Guid.NewGuid().ToString("N")[..8]);

    public IAccountStore Accounts { get; }

    public IAuditLog Audit { get; }

    public void Dispose()
    {
        ((IDisposable)Accounts).Dispose();
        ((IDisposable)Audit).Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
