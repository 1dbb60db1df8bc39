using Geo.Core.Domain;
using Geo.Core.Stores.PostGis;
using Geo.Testing;
using Npgsql;

namespace Geo.Core.Tests.Stores.PostGis;

/// <summary>One database migrated once for all the schema tests.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public IReadOnlyList<string> FirstRun { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        FirstRun = SchemaMigrator.Migrate(Database.ConnectionString);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

public sealed class SchemaMigratorTests(MigratedDatabase migrated) : IClassFixture<MigratedDatabase>
{
    private readonly TestDatabase _database = migrated.Database;
    private readonly IReadOnlyList<string> _firstRun = migrated.FirstRun;

    [Fact]
    public async Task Migrations_are_recorded_and_not_applied_twice()
    {
        Assert.Contains("0001_initial_schema.sql", _firstRun);
        Assert.Contains("0004_data_version.sql", _firstRun);
        Assert.Empty(SchemaMigrator.Migrate(_database.ConnectionString));
        Assert.Equal((long)_firstRun.Count, await _database.ScalarAsync<long>($"SELECT count(*) FROM {SchemaMigrator.JournalTable}"));
    }

    public static TheoryData<string> Collections() => [.. Catalog.All.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Each_table_has_exactly_the_catalog_columns(string collectionId)
    {
        var collection = Catalog.Find(collectionId)!;
        var expected = new List<string> { "id" };
        if (collection.HasGeometry)
        {
            expected.Add("geom");
        }

        expected.AddRange(collection.Properties.Select(p => p.Name));

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = collection.TableName });
        var actual = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                actual.Add(reader.GetString(0));
            }
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Spatial_tables_are_CGCS2000_with_a_gist_index(string collectionId)
    {
        var collection = Catalog.Find(collectionId)!;
        var srid = await _database.ScalarAsync<long>(
            "SELECT count(*) FROM geometry_columns WHERE f_table_name = $1 AND srid = 4490", collection.TableName);
        var gist = await _database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%USING gist (geom)%'", collection.TableName);

        Assert.Equal(collection.HasGeometry ? 1 : 0, srid);
        Assert.Equal(collection.HasGeometry ? 1 : 0, gist);
    }

    [Fact]
    public async Task The_database_refuses_an_invalid_geometry()
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => _database.ScalarAsync<object>(
            "INSERT INTO constraints (id, geom, kind, name, source, location_precision, illustrative) VALUES " +
            "(1, ST_GeomFromText('MULTIPOLYGON(((108.30 31.10, 108.32 31.12, 108.32 31.10, 108.30 31.12, 108.30 31.10)))', 4490), " +
            "'geohazard', 'bow tie', 'test', 'schematic', true) RETURNING id"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
    }

    [Fact]
    public async Task Every_write_to_a_collection_bumps_the_data_version()
    {
        var before = await _database.ScalarAsync<long>("SELECT counter FROM data_version");

        await _database.ScalarAsync<long>("WITH d AS (DELETE FROM policies WHERE id = -1 RETURNING id) SELECT count(*) FROM d");

        Assert.Equal(before + 1, await _database.ScalarAsync<long>("SELECT counter FROM data_version"));
    }

    [Fact]
    public async Task The_database_refuses_an_unknown_category()
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => _database.ScalarAsync<object>(
            "INSERT INTO zones (id, geom, name, kind, source, location_precision, illustrative) VALUES " +
            "(1, ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(108.4, 31.17), 4490), 0.01)), 'x', 'airport', 'test', 'schematic', true) RETURNING id"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
    }
}
