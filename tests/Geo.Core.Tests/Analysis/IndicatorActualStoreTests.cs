using Geo.Api.Backends.Embedded.Indicators;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Core.Analysis.Indicators;
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
    public async Task Two_stores_on_one_folder_appending_at_once_lose_nothing_and_number_every_line_once()
    {
        // Each store has its own in-process gate, so only the OS file lock keeps them apart — as for two service processes.
        const int PerWriter = 60;
        using var first = new JsonLinesIndicatorActualStore(_folder.Path);
        using var second = new JsonLinesIndicatorActualStore(_folder.Path);
        using var reader = new JsonLinesIndicatorActualStore(_folder.Path);
        var writing = true;
        var readerSawAGap = false;

        async Task WriteAsync(JsonLinesIndicatorActualStore store, int writer)
        {
            for (var i = 0; i < PerWriter; i++)
            {
                await store.AppendAsync(new NewIndicatorActual(4, writer * 1000 + i, new DateOnly(2025, 6, 30), null), None);
            }
        }

        async Task ReadAsync()
        {
            while (Volatile.Read(ref writing))
            {
                var seen = (await reader.ListAsync(None)).Select(a => a.Sequence).ToList();
                readerSawAGap |= !seen.SequenceEqual(Enumerable.Range(1, seen.Count).Select(n => (long)n));
            }
        }

        var readTask = Task.Run(ReadAsync);
        await Task.WhenAll(Task.Run(() => WriteAsync(first, 1)), Task.Run(() => WriteAsync(second, 2)));
        Volatile.Write(ref writing, false);
        await readTask;

        var all = await reader.ListAsync(None);
        var lines = await File.ReadAllLinesAsync(System.IO.Path.Combine(_folder.Path, JsonLinesIndicatorActualStore.FileName));
        Assert.Equal(2 * PerWriter, lines.Length);
        Assert.Equal(Enumerable.Range(1, 2 * PerWriter).Select(n => (long)n), all.Select(a => a.Sequence));
        Assert.Equal(
            Enumerable.Range(0, PerWriter).Select(i => 1000.0 + i).Concat(Enumerable.Range(0, PerWriter).Select(i => 2000.0 + i)),
            all.Select(a => a.Value).Order());
        Assert.False(readerSawAGap, "a reader saw a half-written or misnumbered file while appends ran");
    }

    [Fact]
    public async Task Two_other_processes_and_this_one_appending_at_once_lose_nothing_and_number_every_line_once()
    {
        const int PerWriter = 40;
        var appender = System.IO.Path.Combine(AppContext.BaseDirectory, "Geo.IndicatorAppender.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var processes = Enumerable.Range(1, 2).Select(writer => System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo(dotnet, ["exec", appender, _folder.Path, writer.ToString(System.Globalization.CultureInfo.InvariantCulture), PerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardError = true,
            })!).ToList();
        try
        {
            for (var i = 0; i < PerWriter; i++)
            {
                await _folder.Store.AppendAsync(new NewIndicatorActual(4, 3000 + i, new DateOnly(2025, 6, 30), null), None);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            foreach (var process in processes)
            {
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(timeout.Token));
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
            }
        }

        var all = await _folder.Store.ListAsync(None);
        Assert.Equal(3 * PerWriter, (await File.ReadAllLinesAsync(System.IO.Path.Combine(_folder.Path, JsonLinesIndicatorActualStore.FileName))).Length);
        Assert.Equal(Enumerable.Range(1, 3 * PerWriter).Select(n => (long)n), all.Select(a => a.Sequence));
        Assert.Equal(
            new[] { 1000, 2000, 3000 }.SelectMany(w => Enumerable.Range(0, PerWriter).Select(i => (double)(w + i))),
            all.Select(a => a.Value).Order());
    }

    [Fact]
    public async Task A_torn_last_line_is_skipped_by_a_store_that_never_saw_it_written()
    {
        var path = System.IO.Path.Combine(_folder.Path, JsonLinesIndicatorActualStore.FileName);
        await _folder.Store.AppendAsync(new NewIndicatorActual(4, 55.1, new DateOnly(2025, 6, 30), null), None);
        await File.AppendAllTextAsync(path, "{\"sequence\":2,\"indicatorId\":4,\"val");

        using var other = new JsonLinesIndicatorActualStore(_folder.Path);
        var appended = await other.AppendAsync(new NewIndicatorActual(4, 57.3, new DateOnly(2025, 12, 31), null), None);

        Assert.Equal(2, appended.Sequence);
        Assert.Equal([55.1, 57.3], (await _folder.Store.ListAsync(None)).Select(a => a.Value));
        Assert.Equal(3, (await File.ReadAllLinesAsync(path)).Length);
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
