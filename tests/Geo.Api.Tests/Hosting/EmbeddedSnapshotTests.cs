using System.Text.RegularExpressions;
using Geo.Api.Backends.Embedded.Internal;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The embedded service writes a snapshot of its packed store after a full gis-data load, the next start reads it and
/// answers the same, and a changed gis-data file makes the next start load the files again (and answer the change).
/// </summary>
public sealed partial class EmbeddedSnapshotTests : IDisposable
{
    private readonly BadDataFolder _data = new();
    private readonly string _state = Path.Combine(Path.GetTempPath(), "geo-snapshot-state-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task The_next_start_reads_the_snapshot_and_a_changed_file_is_loaded_again()
    {
        var (first, firstFromSnapshot) = await StartAsync();
        Assert.False(firstFromSnapshot);
        Assert.True(File.Exists(Path.Combine(_state, "cache", "gis-data.snapshot")));

        var (second, secondFromSnapshot) = await StartAsync();
        Assert.True(secondFromSnapshot);
        Assert.Equal(first, second);
        Assert.Equal(CountInFile("resettlement"), Regex.Count(second, "\"category\":\"resettlement\""));

        _data.Replace("projects.geojson", "\"category\":\"resettlement\"", "\"category\":\"industry\"");
        var (third, thirdFromSnapshot) = await StartAsync();
        Assert.False(thirdFromSnapshot);
        Assert.Equal(CountInFile("resettlement"), Regex.Count(third, "\"category\":\"resettlement\""));
        Assert.NotEqual(second, third);

        // The snapshot written after that load is of the changed files, and the next start serves it.
        var (fourth, fourthFromSnapshot) = await StartAsync();
        Assert.True(fourthFromSnapshot);
        Assert.Equal(third, fourth);
    }

    /// <summary>Starts the service on the folder, reads every project and every parcel, and stops it once its snapshot is written.</summary>
    private async Task<(string Answers, bool FromSnapshot)> StartAsync()
    {
        await using var factory = new GisDataServiceFactory(_data.Path, new Dictionary<string, string> { ["IndicatorActuals:Path"] = _state });
        var client = factory.CreateClient();
        var load = factory.Services.GetRequiredService<EmbeddedStoreLoad>();
        await load.Loaded;
        var answers = string.Concat(
            await client.GetStringAsync(new Uri("/ogcapi/collections/projects/items?limit=1000", UriKind.Relative)),
            await client.GetStringAsync(new Uri("/ogcapi/collections/parcels/items?limit=1000&bbox=108.0,30.8,108.9,31.7", UriKind.Relative)));
        await load.SnapshotWritten;
        return (TimeStamp().Replace(answers, ""), load.FromSnapshot);
    }

    private int CountInFile(string category) =>
        Regex.Count(File.ReadAllText(_data.File("projects.geojson")), $"\"category\":\"{category}\"");

    [GeneratedRegex("\"timeStamp\":\"[^\"]*\"")]
    private static partial Regex TimeStamp();
}
