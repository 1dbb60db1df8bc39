using System.Text.Json;
using Geo.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geo.Core.Tests.Stores;

/// <summary>
/// Reads a gis-data file with plain System.Text.Json and the GeoJSON geometry converter, not our loader, so that
/// expected answers do not come from the code under test.
/// </summary>
internal static class RawGeoJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static List<RawFeature> Read(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.GisData, fileName)));
        return document.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => new RawFeature(
                f.GetProperty("id").GetInt64(),
                f.GetProperty("geometry").Deserialize<Geometry>(Options)!,
                f.GetProperty("properties").Clone()))
            .ToList();
    }
}

internal sealed record RawFeature(long Id, Geometry Geometry, JsonElement Properties)
{
    public string Text(string name) => Properties.GetProperty(name).GetString()!;

    public double Number(string name) => Properties.GetProperty(name).GetDouble();
}
