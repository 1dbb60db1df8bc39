using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Testing;

/// <summary>
/// The repository's gis-data folder, loaded once per test process, for tests that need the data and not the loader
/// (the loader is Geo.Api's <c>GisData/</c>, because gis-data is GeoJSON and Geo.Core has no System.Text.Json).
/// </summary>
public static class RepoGisData
{
    private static readonly Lazy<GisDataSet> Loaded = new(() => GisDataFolder.Load(RepoPaths.GisData));

    public static GisDataSet Set => Loaded.Value;
}
