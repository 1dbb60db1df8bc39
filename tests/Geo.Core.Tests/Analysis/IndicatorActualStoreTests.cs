using Geo.Core.Analysis.Indicators;
using Geo.Testing;
using Npgsql;

namespace Geo.Core.Tests.Analysis;

/// <summary>Recorded actuals are durable and append-only in both stores.</summary>
[Collection(AnalysisCollection.Name)]
public sealed class IndicatorActualStoreTests(PostGisStoreFixture postGis) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IndicatorFolder _folder = new();

    [Fact]
    public async Task An_acknowledged_value_is_on_disk_and_read_back_by_a_new_store()
    {
        await _folder.Store.AppendAsync(new NewIndicatorActual(4, 55.1, new DateOnly(2025, 6, 30), "城镇化率"), None);

        using var reopened = new JsonLinesIndicatorActualStore(_folder.Path);
        var actual = Assert.Single(await reopened.ListAsync(None));

        Assert.Equal(55.1, actual.Value);
        Assert.Equal("城镇化率", actual.Note);
        Assert.Contains("城镇化率", await File.ReadAllTextAsync(System.IO.Path.Combine(_folder.Path, JsonLinesIndicatorActualStore.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_skipped_and_the_next_append_still_reads()
    {
        await _folder.Store.AppendAsync(new NewIndicatorActual(4, 55.1, new DateOnly(2025, 6, 30), null), None);
        await File.AppendAllTextAsync(System.IO.Path.Combine(_folder.Path, JsonLinesIndicatorActualStore.FileName), "{\"sequence\":2,\"indicatorId\":4,\"val");

        await _folder.Store.AppendAsync(new NewIndicatorActual(4, 56.2, new DateOnly(2025, 9, 30), null), None);

        Assert.Equal([55.1, 56.2], (await _folder.Store.ListAsync(None)).Select(a => a.Value));
    }

    [Fact]
    public async Task The_PostGIS_table_refuses_update_and_delete()
    {
        await new PostGisIndicatorActualStore(postGis.DataSource).AppendAsync(new NewIndicatorActual(13, 30, new DateOnly(2025, 6, 30), null), None);

        await using var update = postGis.DataSource.CreateCommand("UPDATE indicator_actuals SET value = 0");
        await using var delete = postGis.DataSource.CreateCommand("DELETE FROM indicator_actuals");

        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
