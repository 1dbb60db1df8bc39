using Geo.Api.Cli;
using Geo.Api.Formats;
using Geo.Core.GisData;
using Geo.Core.Imports;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A large import into PostGIS builds the table anew beside the old one and swaps it in (<see cref="PostGisTableRebuild"/>),
/// forced here for the 94 parcels of gis-data/parcels.geojson (<c>rebuildFrom: 1</c>) onto a parcels table that also has
/// a grant, an owned sequence, an extra index, a UNIQUE constraint and a row trigger: the catalog is the same before and
/// after, the table holds its old rows and the new ones, and a refusal, a cancellation or a concurrent writer leave it whole.
/// </summary>
public sealed class PostGisTableRebuildTests : IAsyncLifetime
{
    private const string Digest = "SELECT count(*) || ':' || md5(string_agg(p::text, '|' ORDER BY id)) FROM parcels p";
    private const string Oid = "SELECT 'parcels'::regclass::oid::bigint";

    /// <summary>Everything about the table a swap must keep, one sorted line each.</summary>
    private const string Catalog = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT 'index ' || indexname || ': ' || indexdef line FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'parcels'
          UNION ALL SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'parcels'::regclass
          UNION ALL SELECT 'trigger ' || tgname || ': ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'parcels'::regclass
          UNION ALL SELECT 'grant ' || grantee || ' ' || privilege_type || ' by ' || grantor || ' ' || is_grantable
                    FROM information_schema.role_table_grants WHERE table_schema = 'public' AND table_name = 'parcels'
          UNION ALL SELECT 'owner ' || pg_get_userbyid(relowner) || ' ' || relpersistence::text FROM pg_class WHERE oid = 'parcels'::regclass
          UNION ALL SELECT 'column ' || ordinal_position || ' ' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                    FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'parcels'
          UNION ALL SELECT 'geometry ' || type || ' ' || srid || ' ' || coord_dimension FROM geometry_columns WHERE f_table_name = 'parcels'
          UNION ALL SELECT 'sequence ' || d.objid::regclass || ' owned by ' || d.refobjid::regclass || '.' || a.attname
                    FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE d.refobjid = 'parcels'::regclass AND d.deptype = 'a' AND d.classid = 'pg_class'::regclass
                      AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'
        ) t
        """;

    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;
    private ImportPlan _plan = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.True(await CliApp.RunAsync(["import", RepoPaths.GisData, "--connection", _database.ConnectionString], output, error, CancellationToken.None) == 0, error.ToString());
        }

        await _database.ScalarAsync<int>("""
            GRANT SELECT ON parcels TO PUBLIC;
            CREATE SEQUENCE parcels_note_seq OWNED BY parcels.id;
            CREATE INDEX parcels_township_idx ON parcels (township_code) WHERE zone_id IS NOT NULL;
            ALTER TABLE parcels ADD CONSTRAINT parcels_land_use_id_key UNIQUE (land_use_code, id);
            CREATE TABLE inserted_rows (n bigint NOT NULL);
            INSERT INTO inserted_rows VALUES (0);
            CREATE FUNCTION count_inserted_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE inserted_rows SET n = n + 1; RETURN NULL; END $$;
            CREATE TRIGGER parcels_count_inserted AFTER INSERT ON parcels FOR EACH ROW EXECUTE FUNCTION count_inserted_row();
            SELECT 1
            """);
        _dataSource = PostGisDataSource.Create(_database.ConnectionString);
        var request = new FileImportRequest(null, null, null, new Dictionary<string, string>(), new Dictionary<string, string>(), false);
        var check = await FileImport.CheckAsync(
            Path.Combine(RepoPaths.GisData, "parcels.geojson"), null, Geo.Core.Domain.Catalog.Parcels, request, new PostGisFeatureStore(_dataSource),
            FileReading.AllFormats, null, CancellationToken.None);
        _plan = check.Plan;
        Assert.Equal(94, _plan.Features.Count);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_rebuilt_table_has_the_same_catalog_its_old_rows_and_the_new_ones()
    {
        var catalog = await _database.ScalarAsync<string>(Catalog);
        var originals = await _database.ScalarAsync<string>(Digest);
        var oid = await _database.ScalarAsync<long>(Oid);
        var version = await _database.ScalarAsync<long>("SELECT counter FROM data_version");
        const string ParcelsVersion = "SELECT coalesce((SELECT counter FROM collection_versions WHERE collection = 'parcels'), 0)";
        var parcelsVersion = await _database.ScalarAsync<long>(ParcelsVersion);

        var ids = await AppendAsync(_plan.Features, CancellationToken.None);

        Assert.Equal((95L, 188L), (ids!.First, ids.Last));
        Assert.NotEqual(oid, await _database.ScalarAsync<long>(Oid));
        Assert.Equal(catalog, await _database.ScalarAsync<string>(Catalog));
        Assert.Contains("index parcels_geom_idx: CREATE INDEX parcels_geom_idx ON public.parcels USING gist (geom)", catalog, StringComparison.Ordinal);
        Assert.Contains("grant PUBLIC SELECT", catalog, StringComparison.Ordinal);
        Assert.Equal(originals, await _database.ScalarAsync<string>(Digest.Replace("parcels p", "parcels p WHERE id <= 94", StringComparison.Ordinal)));
        Assert.Equal(94L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels o JOIN parcels n ON n.id = o.id + 94 WHERE o.id <= 94 AND ST_Equals(o.geom, n.geom) AND o.land_use = n.land_use AND o.area_m2 = n.area_m2"));
        // The row trigger fired for the imported rows only, the statement trigger bumped the data version.
        Assert.Equal(94L, await _database.ScalarAsync<long>("SELECT n FROM inserted_rows"));
        Assert.True(await _database.ScalarAsync<long>("SELECT counter FROM data_version") > version);
        // The shadow's copy of the trigger counts for the collection, not for the shadow table's name.
        Assert.True(await _database.ScalarAsync<long>(ParcelsVersion) > parcelsVersion);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM collection_versions WHERE collection <> ALL (ARRAY['parcels', 'projects', 'zones', 'district', 'townships', 'relocation_flows', 'constraints', 'facilities', 'indicators', 'policies', 'reforms', 'milestones'])"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'import' AND (detail->>'written')::int = 94"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'parcels$import%'"));
        // The new GiST index answers a spatial query the way a scan does.
        Assert.Equal(
            await _database.ScalarAsync<long>("SET enable_indexscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM parcels WHERE geom && ST_MakeEnvelope(108.38, 31.14, 108.44, 31.19, 4490)"),
            await _database.ScalarAsync<long>("SET enable_seqscan = off; SELECT count(*) FROM parcels WHERE geom && ST_MakeEnvelope(108.38, 31.14, 108.44, 31.19, 4490)"));
    }

    [Fact]
    public async Task A_row_PostGIS_refuses_leaves_the_table_as_it_was()
    {
        var before = await StateAsync();
        var last = _plan.Features[^1];
        var refused = _plan.Features.SkipLast(1).Append(last with { Properties = new Dictionary<string, object?>(last.Properties) { ["area_m2"] = 0.0 } });

        var e = await Assert.ThrowsAsync<DataValidationException>(() => AppendAsync(refused, CancellationToken.None));

        Assert.Contains("rejected by PostGIS", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_cancelled_import_leaves_the_table_as_it_was()
    {
        var before = await StateAsync();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AppendAsync(CancelAfter(50), cancel.Token));

        Assert.Equal(before, await StateAsync());

        IEnumerable<PreparedFeature> CancelAfter(int rows)
        {
            foreach (var (feature, index) in _plan.Features.Select((f, i) => (f, i)))
            {
                if (index == rows)
                {
                    cancel.Cancel();
                }

                yield return feature;
            }
        }
    }

    [Fact]
    public async Task Readers_go_on_during_the_import_and_a_writer_waits_for_it_then_edits_the_new_table()
    {
        using var halfway = new SemaphoreSlim(0);
        using var resume = new ManualResetEventSlim();
        var import = Task.Run(() => AppendAsync(PauseAfter(50), CancellationToken.None));
        Assert.True(await halfway.WaitAsync(TimeSpan.FromSeconds(60)));

        var read = _database.ScalarAsync<long>("SELECT count(*) FROM parcels");
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(94L, await read);
        // As PostGisFeatureEditor edits: the row locked FOR UPDATE, then written. Had the FOR UPDATE gone through before
        // the import's swap, the two would deadlock (the swap waiting for the edit's row lock, the edit for the import).
        var edit = _database.ScalarAsync<int>("BEGIN; SELECT 1 FROM parcels WHERE id = 1 FOR UPDATE; UPDATE parcels SET land_use = '测试' WHERE id = 1; COMMIT");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(edit.IsCompleted, "an edit during the import must wait for it");

        resume.Set();
        await import;
        Assert.Equal(1, await edit);
        Assert.Equal("测试", await _database.ScalarAsync<string>("SELECT land_use FROM parcels WHERE id = 1"));
        Assert.Equal(188L, await _database.ScalarAsync<long>("SELECT count(*) FROM parcels"));

        IEnumerable<PreparedFeature> PauseAfter(int rows)
        {
            foreach (var (feature, index) in _plan.Features.Select((f, i) => (f, i)))
            {
                if (index == rows)
                {
                    halfway.Release();
                    resume.Wait(TimeSpan.FromSeconds(60));
                }

                yield return feature;
            }
        }
    }

    private Task<ImportedIds?> AppendAsync(IEnumerable<PreparedFeature> rows, CancellationToken cancellationToken) =>
        new PostGisCollectionImport(_dataSource, rebuildFrom: 1).AppendAsync(
            "parcels.geojson", Geo.Core.Domain.Catalog.Parcels, rows, _plan.Features.Count, () => _plan, "test", "cli", null, cancellationToken);

    /// <summary>The rows, the catalog, the table's oid, the audit trail and any shadow table left behind.</summary>
    private async Task<string> StateAsync() => string.Join("\n",
        await _database.ScalarAsync<string>(Digest), await _database.ScalarAsync<string>(Catalog), await _database.ScalarAsync<long>(Oid),
        await _database.ScalarAsync<long>("SELECT count(*) FROM audit_log"), await _database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'parcels$import%'"),
        await _database.ScalarAsync<long>("SELECT n FROM inserted_rows"));
}
