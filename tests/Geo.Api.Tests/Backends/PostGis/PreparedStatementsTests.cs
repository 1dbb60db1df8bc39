using Geo.Api.Cli;
using Geo.Api.Formats;
using Geo.Core.Imports;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// The service's connections prepare the statements they run again (<see cref="PostGisDataSource"/>): an item by id
/// and the keyset pages are served from prepared statements, and still served right (the new rows, as PostgreSQL reads
/// them) after an import rebuilds and swaps the parcels table and after the table is replaced by hand with its
/// columns in another order, one more column and other values. One connection in the pool, so the statements the
/// requests prepared are the ones the test's own query on that connection lists.
/// </summary>
public sealed class PreparedStatementsTests(PostGisStoreFixture database) : IClassFixture<PostGisStoreFixture>
{
    private const string Page = "/ogcapi/collections/parcels/items?limit=5";

    private const string ReplaceByHand = """
        BEGIN;
        CREATE TABLE parcels_replacement AS
          SELECT 'replaced'::text AS note, illustrative, location_precision, source, zone_id, township_code,
                 area_m2 + 1000 AS area_m2, land_use, land_use_code, geom, version, id
          FROM parcels;
        DROP TABLE parcels;
        ALTER TABLE parcels_replacement RENAME TO parcels;
        ALTER TABLE parcels ADD PRIMARY KEY (id);
        UPDATE data_version SET counter = counter + 1;
        COMMIT;
        SELECT 1
        """;

    [Fact]
    public async Task Items_and_keyset_pages_come_from_prepared_statements_and_stay_right_after_the_table_is_replaced()
    {
        var onePooled = new NpgsqlConnectionStringBuilder(database.Database.ConnectionString) { MaxPoolSize = 1 };
        // No items kept in memory (KeptItemsTests): the repeats must reach the prepared statements, and the swaps are
        // made beside the service, which would hear of them a notice later.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Geo", onePooled.ConnectionString)
            .UseSetting("Database:KeptItems", "0"));
        using var client = factory.CreateClient();
        var ids = await database.IdsAsync("SELECT id FROM parcels ORDER BY id DESC LIMIT 3");

        for (var i = 0; i < 3; i++)
        {
            await AssertServedAsync(client, ids);
        }

        var prepared = await PreparedAsync(factory);
        // Parcels are editable: an item is read with its deleted version, if any, in one statement (the id is $2).
        Assert.Contains(prepared, s => s.Contains("FROM \"parcels\" WHERE id = $2) live", StringComparison.Ordinal));
        Assert.Contains(prepared, s => s.Contains("FROM \"parcels\" WHERE id > $1", StringComparison.Ordinal));

        // An import large enough to rebuild the table (forced for the 94 parcels) swaps a new table in under the name.
        var oid = await database.LongAsync("SELECT 'parcels'::regclass::oid::bigint");
        var added = await ImportParcelsAgainAsync();
        Assert.NotEqual(oid, await database.LongAsync("SELECT 'parcels'::regclass::oid::bigint"));
        await AssertServedAsync(client, [added.First, added.Last, .. ids]);

        var before = await database.DoubleAsync("SELECT area_m2 FROM parcels WHERE id = $1", ids[0]);
        await database.Database.ScalarAsync<int>(ReplaceByHand);
        Assert.Equal(before + 1000, await database.DoubleAsync("SELECT area_m2 FROM parcels WHERE id = $1", ids[0]));
        for (var i = 0; i < 2; i++)
        {
            await AssertServedAsync(client, [added.First, added.Last, .. ids]);
        }
    }

    /// <summary>Each item and the first three keyset pages (following <c>next</c>) as PostgreSQL reads them now.</summary>
    private async Task AssertServedAsync(HttpClient client, IReadOnlyList<long> ids)
    {
        foreach (var id in ids)
        {
            using var item = await client.GetAsync($"/ogcapi/collections/parcels/items/{id}");
            Assert.Equal(HttpStatusCode.OK, item.StatusCode);
            using var feature = JsonDocument.Parse(await item.Content.ReadAsStringAsync());
            Assert.Equal(await ExpectedAsync($"WHERE id = {id}"), Rows([feature.RootElement]));
        }

        var url = Page;
        var served = new List<(long, double, string)>();
        for (var page = 0; page < 3; page++)
        {
            using var answer = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            served.AddRange(Rows(body.RootElement.GetProperty("features").EnumerateArray()));
            url = body.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString()!;
        }

        Assert.Equal(await ExpectedAsync("ORDER BY id LIMIT 15"), served);
    }

    /// <summary>The rows as a plain connection of the test's own (no prepared statements) reads them.</summary>
    private async Task<List<(long, double, string)>> ExpectedAsync(string tail)
    {
        await using var connection = new NpgsqlConnection(database.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id, area_m2, land_use FROM parcels {tail}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, double, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2)));
        }

        return rows;
    }

    private static List<(long, double, string)> Rows(IEnumerable<JsonElement> features) =>
        features.Select(f => (
            f.GetProperty("id").GetInt64(),
            f.GetProperty("properties").GetProperty("area_m2").GetDouble(),
            f.GetProperty("properties").GetProperty("land_use").GetString()!)).ToList();

    /// <summary>The statements prepared on the service's one pooled connection.</summary>
    private static async Task<List<string>> PreparedAsync(WebApplicationFactory<Program> factory)
    {
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT statement FROM pg_prepared_statements", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<string>();
        while (await reader.ReadAsync())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private async Task<ImportedIds> ImportParcelsAgainAsync()
    {
        var request = new FileImportRequest(null, null, null, new Dictionary<string, string>(), new Dictionary<string, string>(), false);
        var check = await FileImport.CheckAsync(
            Path.Combine(RepoPaths.GisData, "parcels.geojson"), null, Catalog.Parcels, request, database.Store,
            FileReading.AllFormats, null, CancellationToken.None);
        return await new PostGisCollectionImport(database.DataSource, rebuildFrom: 1).AppendAsync(check.Plan, null, "test", null, CancellationToken.None);
    }
}
