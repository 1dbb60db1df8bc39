using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// A large import's way into a collection table: the new table content is built in a shadow table that has the
/// collection's columns, CHECK constraints and triggers but no index (a GiST index kept up to date row by row made a
/// 1,000,000-row COPY ~3× slower than the rows plus one sorted GiST build after, docs/BENCHMARKS.md), then indexed and
/// swapped in under the old table's name, its indexes, constraints, triggers, privileges and owned sequences named and
/// defined exactly as before. Everything happens in the import's transaction: a failure or cancellation drops the
/// shadow with it and leaves the table as it was. Writers, and edits locking a row FOR UPDATE, wait on the import's
/// EXCLUSIVE lock of the old table from the start and then write to the new one (a row lock taken before the swap would
/// deadlock with it); readers keep reading the old table until the short ACCESS EXCLUSIVE swap at the end. Only a catalog this class reproduces exactly is rebuilt (<see cref="Obstacles"/>);
/// anything else is appended in place.
/// </summary>
internal sealed class PostGisTableRebuild
{
    /// <summary>An import of fewer rows, or of fewer rows than the table already holds, appends in place: copying the existing rows and rebuilding the indexes would cost more than it saves.</summary>
    public const int MinimumRows = 100_000;

    /// <summary>Why a table cannot be rebuilt exactly; an empty list when it can.</summary>
    private const string Obstacles = """
        SELECT array_remove(ARRAY[
          CASE WHEN c.relkind <> 'r' OR c.relispartition OR c.relhasrules OR c.relrowsecurity OR c.reloptions IS NOT NULL
                    OR c.relreplident <> 'd' OR c.relpersistence <> 'p' OR c.reltablespace <> 0 THEN 'table kind or options' END,
          CASE WHEN c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN 'owned by another role' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = c.oid OR inhparent = c.oid) THEN 'inheritance' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_constraint WHERE (conrelid = c.oid AND (contype NOT IN ('c', 'p', 'u') OR NOT convalidated OR condeferrable)) OR confrelid = c.oid)
               THEN 'foreign keys, exclusion, deferrable or unvalidated constraints' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_depend WHERE refclassid = 'pg_class'::regclass AND refobjid = c.oid AND deptype = 'n'
                                                      AND NOT (classid = 'pg_constraint'::regclass AND objid IN (SELECT oid FROM pg_constraint WHERE conrelid = c.oid)))
                 OR EXISTS (SELECT 1 FROM pg_depend WHERE refclassid = 'pg_type'::regclass AND refobjid = c.reltype AND deptype = 'n')
               THEN 'views or other objects depending on it' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped
                                                       AND (attidentity <> '' OR attgenerated <> '' OR attacl IS NOT NULL))
               THEN 'identity, generated or column privileges' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_statistic_ext WHERE stxrelid = c.oid) OR EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = c.oid)
                 OR EXISTS (SELECT 1 FROM pg_publication_rel WHERE prrelid = c.oid) OR EXISTS (SELECT 1 FROM pg_publication WHERE puballtables)
               THEN 'statistics objects, policies or publications' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND (tgisinternal OR tgenabled <> 'O' OR tgconstraint <> 0)) THEN 'internal, disabled or constraint triggers' END,
          CASE WHEN EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantor <> c.relowner) THEN 'privileges granted by another role' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_description WHERE classoid = 'pg_class'::regclass AND objsubid = 0
                                                           AND objoid IN (SELECT c.oid UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid = c.oid))
               THEN 'comments on the table or its indexes' END,
          CASE WHEN EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                            WHERE i.indrelid = c.oid AND (NOT i.indisvalid OR NOT i.indisready OR i.indisclustered OR i.indisreplident
                                                          OR ic.reloptions IS NOT NULL OR ic.reltablespace <> 0))
               THEN 'index states or options' END,
          -- The index and trigger definitions are rewritten onto the shadow by their text: only the forms this class expects.
          CASE WHEN EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid
                              AND NOT starts_with(pg_get_indexdef(i.indexrelid), 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
                                                  || quote_ident(ic.relname) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' USING '))
                 OR EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                              AND position(' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ' IN pg_get_triggerdef(t.oid)) = 0)
               THEN 'index or trigger definitions of another form' END
        ], NULL)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = @table::regclass
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;
    private string _schema = "";
    private string _relation = "";

    private PostGisTableRebuild(NpgsqlConnection connection, NpgsqlTransaction transaction, string table)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
    }

    /// <summary>The table's name, schema-qualified and quoted as <c>pg_get_indexdef</c> and <c>pg_get_triggerdef</c> write it.</summary>
    private string Name => $"{_schema}.{_relation}";

    /// <summary>The schema-qualified, quoted name of the table the rows are copied into.</summary>
    public string Shadow => $"{_schema}.{PostGisColumns.Quote(ShadowName)}";

    private string ShadowName => _table + "$import";

    /// <summary>
    /// With the table locked against writers: a rebuild holding the table's rows in its shadow, ready for the new ones,
    /// when <paramref name="rows"/> reaches <paramref name="minimumRows"/> and the table's own count and the catalog
    /// can be reproduced; otherwise null (append in place).
    /// </summary>
    public static async Task<PostGisTableRebuild?> BeginAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, int rows, int minimumRows, CancellationToken cancellationToken)
    {
        if (rows < minimumRows)
        {
            return null;
        }

        var rebuild = new PostGisTableRebuild(connection, transaction, table);
        var names = (string[])(await rebuild.ScalarAsync(
            "SELECT ARRAY[quote_ident(nspname), quote_ident(relname)] FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = @table::regclass",
            cancellationToken).ConfigureAwait(false))!;
        (rebuild._schema, rebuild._relation) = (names[0], names[1]);
        var obstacles = (string[])(await rebuild.ScalarAsync(Obstacles, cancellationToken).ConfigureAwait(false))!;
        if (obstacles.Length > 0 || (long)(await rebuild.ScalarAsync($"SELECT count(*) FROM {rebuild.Name}", cancellationToken).ConfigureAwait(false))! > rows)
        {
            return null;
        }

        // The existing rows go in before the triggers exist, so that only the import's own rows fire them, as an append would.
        await rebuild.ExecuteAsync(
            $"""
            CREATE TABLE {rebuild.Shadow} (LIKE {rebuild.Name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS);
            INSERT INTO {rebuild.Shadow} SELECT * FROM {rebuild.Name}
            """,
            cancellationToken).ConfigureAwait(false);
        foreach (var trigger in await rebuild.StatementsAsync(
            $"""
            SELECT overlay(def PLACING @shadow FROM position(' ON ' || @name || ' ' IN def) + 4 FOR length(@name))
            FROM (SELECT pg_get_triggerdef(oid) def FROM pg_trigger WHERE tgrelid = @table::regclass ORDER BY tgname) t
            """,
            cancellationToken).ConfigureAwait(false))
        {
            await rebuild.ExecuteAsync(trigger, cancellationToken).ConfigureAwait(false);
        }

        return rebuild;
    }

    /// <summary>Indexes the shadow (one sorted build per index), then swaps it in under the table's name.</summary>
    public async Task SwapAsync(CancellationToken cancellationToken)
    {
        // Each index is built under a temporary name (the old table still holds the real ones) and named after the swap.
        var indexes = await StatementsAsync(
            """
            SELECT 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(@shadowName || '_' || row_number() OVER (ORDER BY ic.relname))
                   || ' ON ' || @shadow || substr(def, length(prefix) + 1)
                   || E'\n' || CASE WHEN con.contype IS NULL THEN 'ALTER INDEX ' || @schema || '.' || quote_ident(@shadowName || '_' || row_number() OVER (ORDER BY ic.relname)) || ' RENAME TO ' || quote_ident(ic.relname)
                                    ELSE 'ALTER TABLE ' || @name || ' ADD CONSTRAINT ' || quote_ident(con.conname) || CASE con.contype WHEN 'p' THEN ' PRIMARY KEY' ELSE ' UNIQUE' END
                                         || ' USING INDEX ' || quote_ident(@shadowName || '_' || row_number() OVER (ORDER BY ic.relname)) END
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
            CROSS JOIN LATERAL (SELECT pg_get_indexdef(i.indexrelid) def,
                                       'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname) || ' ON ' || @name prefix) d
            WHERE i.indrelid = @table::regclass AND starts_with(def, prefix)
            ORDER BY ic.relname
            """,
            cancellationToken).ConfigureAwait(false);
        var after = new List<string>();
        foreach (var index in indexes)
        {
            var (create, name) = (index[..index.IndexOf('\n', StringComparison.Ordinal)], index[(index.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
            await ExecuteAsync(create, cancellationToken).ConfigureAwait(false);
            after.Add(name);
        }

        var sequences = await StatementsAsync(
            """
            SELECT 'ALTER SEQUENCE ' || d.objid::regclass::text || ' OWNED BY ' || @shadow || '.' || quote_ident(a.attname)
            FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = @table::regclass AND d.deptype = 'a'
              AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'
            """,
            cancellationToken).ConfigureAwait(false);
        // The privileges as granted on the old table, owner's own included (after a REVOKE from the owner they differ from the default).
        var grants = await StatementsAsync(
            """
            SELECT 'GRANT ' || a.privilege_type || ' ON ' || @name || ' TO ' || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
                   || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.oid = @table::regclass
            """,
            cancellationToken).ConfigureAwait(false);
        var hasAcl = grants.Count > 0;

        // No ANALYZE here (~2 s of a 1,000,000-row import): autovacuum analyzes the new table within a minute of the commit, as it would after ogr2ogr.
        // Readers of the old table finish; the next ones wait these few statements and then read the new table.
        await ExecuteAsync($"LOCK TABLE {Name} IN ACCESS EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
        foreach (var sequence in sequences)
        {
            await ExecuteAsync(sequence, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync($"DROP TABLE {Name}; ALTER TABLE {Shadow} RENAME TO {_relation}", cancellationToken).ConfigureAwait(false);
        foreach (var statement in after)
        {
            await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }

        if (hasAcl)
        {
            await ExecuteAsync($"REVOKE ALL ON {Name} FROM CURRENT_USER", cancellationToken).ConfigureAwait(false);
            foreach (var grant in grants)
            {
                await ExecuteAsync(grant, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<string>> StatementsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var statements = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, _connection, _transaction);
        command.Parameters.AddWithValue("table", PostGisColumns.Quote(_table));
        command.Parameters.AddWithValue("schema", _schema);
        command.Parameters.AddWithValue("name", Name);
        command.Parameters.AddWithValue("shadow", Shadow);
        command.Parameters.AddWithValue("shadowName", ShadowName);
        return command;
    }
}
