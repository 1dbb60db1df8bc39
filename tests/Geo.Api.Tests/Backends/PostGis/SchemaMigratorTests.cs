using System.Text.RegularExpressions;

namespace Geo.Api.Tests.Backends.PostGis;

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

public sealed partial class SchemaMigratorTests(MigratedDatabase migrated) : IClassFixture<MigratedDatabase>
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
        if (collection.Editable)
        {
            // Migration 0007: the feature's version, its strong ETag for edits.
            expected.Add("version");
        }

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

    /// <summary>
    /// Each collection's statement trigger moves that collection's own version and no other's (what tiles of the
    /// others are kept by), for every collection of the catalog.
    /// </summary>
    [Fact]
    public async Task A_write_to_a_collection_moves_its_own_version_and_no_others()
    {
        const string Versions = "SELECT coalesce(string_agg(collection || '=' || counter, ',' ORDER BY collection), '') FROM collection_versions";
        foreach (var collection in Catalog.All)
        {
            var before = Parse(await _database.ScalarAsync<string>(Versions));

            await _database.ScalarAsync<long>($"WITH d AS (DELETE FROM {collection.TableName} WHERE id = -1 RETURNING id) SELECT count(*) FROM d");

            var after = Parse(await _database.ScalarAsync<string>(Versions));
            Assert.Equal(before.GetValueOrDefault(collection.Id) + 1, after[collection.Id]);
            Assert.Equal(before.Where(v => v.Key != collection.Id), after.Where(v => v.Key != collection.Id));
        }

        static Dictionary<string, long> Parse(string versions) => versions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=')).ToDictionary(v => v[0], v => long.Parse(v[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_database_refuses_an_unknown_category()
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => _database.ScalarAsync<object>(
            "INSERT INTO zones (id, geom, name, kind, source, location_precision, illustrative) VALUES " +
            "(1, ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(108.4, 31.17), 4490), 0.01)), 'x', 'airport', 'test', 'schematic', true) RETURNING id"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
    }

    /// <summary>
    /// Every column the migrations restrict to a list of values (CHECK … IN (…), after all migrations) carries exactly
    /// the catalog's closed list, in the catalog's order, and every closed list in the catalog has its CHECK.
    /// </summary>
    [Fact]
    public async Task Every_CHECK_list_is_the_catalogs_allowed_values()
    {
        var checks = await RowsAsync(
            """
            SELECT rel.relname, att.attname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace AND ns.nspname = 'public'
            JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
            WHERE con.contype = 'c' AND cardinality(con.conkey) = 1 AND att.attname <> 'geom'
              AND pg_get_constraintdef(con.oid) LIKE '%ANY (ARRAY[%'
            """);
        var actual = checks.ToDictionary(
            r => $"{r[0]}.{r[1]}",
            r => string.Join(" | ", QuotedText().Matches(r[2]).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal))));
        var expected = Catalog.All
            .SelectMany(c => c.Properties.Where(p => p.AllowedValues is not null).Select(p => (Key: $"{c.TableName}.{p.Name}", Values: string.Join(" | ", p.AllowedValues!))))
            .ToDictionary(e => e.Key, e => e.Values);
        expected["users.role"] = string.Join(" | ", Enum.GetValues<Role>().Select(Roles.Name));
        expected["feature_history.operation"] = string.Join(" | ", EditOperations.All);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_data_version_triggers_watch_exactly_the_catalogs_tables()
    {
        var tables = await RowsAsync(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_schema = 'public' AND action_statement LIKE '%bump_data_version(%'");
        var ownName = await RowsAsync(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_schema = 'public' AND action_statement = 'EXECUTE FUNCTION bump_data_version(''' || event_object_table || ''')'");

        Assert.Equal(Catalog.All.Select(c => c.TableName).Order(StringComparer.Ordinal), tables.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Equal(tables.Select(r => r[0]).Order(StringComparer.Ordinal), ownName.Select(r => r[0]).Order(StringComparer.Ordinal));
    }

    private async Task<List<string[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>A text literal in PostgreSQL's rendering of the CHECK: <c>'school'::text</c>.</summary>
    [GeneratedRegex(@"'((?:[^']|'')*)'::text")]
    private static partial Regex QuotedText();
}
